import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from './config';
import { renderKeepalivedConf } from './keepalived';

// The drill and switchover suites run on the default lab and on
// --fast-failover only: that covers --nopreempt because the recommended
// default already is both-BACKUP with nopreempt. If the default ever changed,
// a --nopreempt lab would need suites of its own; this says so first.
describe('lab keepalived.conf', () => {
  it('is the same for the default lab and --nopreempt: both BACKUP, nopreempt, FAULT check', () => {
    for (const node of ['node1', 'node2'] as const) {
      const def = renderKeepalivedConf(node, DEFAULT_OPTIONS);
      expect(renderKeepalivedConf(node, { ...DEFAULT_OPTIONS, nopreempt: true })).toBe(def);
      expect(def).toMatch(/^\s*state BACKUP$/m);
      expect(def).toMatch(/^\s*nopreempt$/m);
      expect(def).toMatch(/^\s*weight 0$/m);
    }
  });

  it('makes --fast-failover a preempting pair with node1 as MASTER', () => {
    const n1 = renderKeepalivedConf('node1', { ...DEFAULT_OPTIONS, fastFailover: true });
    const n2 = renderKeepalivedConf('node2', { ...DEFAULT_OPTIONS, fastFailover: true });
    expect(n1).toMatch(/^\s*state MASTER$/m);
    expect(n2).toMatch(/^\s*state BACKUP$/m);
    expect(`${n1}${n2}`).not.toMatch(/^\s*nopreempt$/m);
  });
});
