import { describe, expect, it } from 'vitest';
import { recordedSnapshot } from '@/test/support/snapshots';
import { formatStatus } from './status';

const at = (s: { observedAt: string }, ms: number) => Date.parse(s.observedAt) + ms;
const header = (text: string) => text.split('\n')[0];

describe('tandem status', () => {
  it('says SPLIT BRAIN when the collector raised the split-brain finding', () => {
    const s = recordedSnapshot('split-brain');
    expect(header(formatStatus(s, at(s, 1200)))).toBe('cluster lab (critical): VIP 198.18.0.100 held by node1 AND node2 (SPLIT BRAIN) — observed 1.2 s ago');
  });

  it('does not say SPLIT BRAIN for two holders without the finding (a move in progress)', () => {
    const split = recordedSnapshot('split-brain');
    const moving = { ...split, findings: split.findings.filter((f) => f.code !== 'split-brain') };
    const text = formatStatus(moving, at(moving, 0));
    expect(text).not.toContain('SPLIT BRAIN');
    expect(header(text)).toContain('held by node1 AND node2 (moving)');
  });

  it('prints each replication link in the words the UI uses, and marks stale data', () => {
    const s = recordedSnapshot('node1-mysqld-stopped');
    const text = formatStatus(s, at(s, 20_000));
    expect(header(text)).toBe('cluster lab (critical): VIP 198.18.0.100 held by node2 — observed 20.0 s ago (STALE)');
    const node2 = text.split('\n').find((l) => l.startsWith('node2'));
    expect(node2).toMatch(/Connecting\/Yes\s+connecting/);
    expect(header(formatStatus(recordedSnapshot('healthy'), at(recordedSnapshot('healthy'), 0)))).toBe('cluster lab (degraded): VIP 198.18.0.100 held by node1 — observed 0.0 s ago');
  });
});
