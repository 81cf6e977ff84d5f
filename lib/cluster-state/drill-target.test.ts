import { describe, expect, it } from 'vitest';
import { recordedSnapshot } from '@/test/support/snapshots';
import { drillTarget } from './drill-target';

describe('drillTarget', () => {
  it('defaults to the VIP holder', () => {
    expect(drillTarget(recordedSnapshot('healthy'), null)).toEqual({ nodes: ['node1', 'node2'], defaultNode: 'node1', unavailable: null });
    expect(drillTarget(recordedSnapshot('node1-mysqld-stopped'), null).defaultNode).toBe('node2');
  });

  it('falls back to the first node without a single holder, and leaves the refusal to the preflight', () => {
    const split = recordedSnapshot('split-brain');
    expect(drillTarget(split, null)).toEqual({ nodes: ['node1', 'node2'], defaultNode: 'node1', unavailable: null });
    const healthy = recordedSnapshot('healthy');
    expect(drillTarget({ ...healthy, vip: { ...healthy.vip, holders: [] } }, null).defaultNode).toBe('node1');
  });

  it('says a run is in progress, and that a drill needs a pair', () => {
    const healthy = recordedSnapshot('healthy');
    expect(drillTarget(healthy, { id: '0123456789abcdef', requestedBy: 'ann' }).unavailable).toBe('a run is in progress (01234567, by ann)');
    expect(drillTarget({ ...healthy, nodes: healthy.nodes.slice(0, 1) }, null).unavailable).toBe('a drill is for a pair of masters; this cluster has 1 node');
  });
});
