import { describe, expect, it } from 'vitest';
import { recordedSnapshot } from '@/test/support/snapshots';
import { switchoverTargets } from './switchover-targets';

describe('switchoverTargets', () => {
  it('offers the node that does not hold the VIP', () => {
    expect(switchoverTargets(recordedSnapshot('healthy'), null)).toEqual([{ node: 'node2', unavailable: null }]);
    expect(switchoverTargets(recordedSnapshot('node1-mysqld-stopped'), null)).toEqual([{ node: 'node1', unavailable: null }]);
  });

  it('says why when nobody or both nodes hold the VIP', () => {
    const healthy = recordedSnapshot('healthy');
    expect(switchoverTargets({ ...healthy, vip: { ...healthy.vip, holders: [] } }, null)).toEqual([
      { node: 'node1', unavailable: 'nobody holds the VIP' },
      { node: 'node2', unavailable: 'nobody holds the VIP' },
    ]);
    // A third node next to a split brain: offered, but not now.
    const split = recordedSnapshot('split-brain');
    const third = { ...split, nodes: [...split.nodes, { ...split.nodes[1]!, name: 'node3', holdsVip: false }] };
    expect(switchoverTargets(third, null)).toEqual([{ node: 'node3', unavailable: 'more than one node holds the VIP (node1 and node2)' }]);
  });

  it('says a run is in progress, and names an unreachable target', () => {
    const healthy = recordedSnapshot('healthy');
    expect(switchoverTargets(healthy, { id: '0123456789abcdef', requestedBy: 'ann' })[0]?.unavailable).toBe('a run is in progress (01234567, by ann)');
    const down = { ...healthy, nodes: healthy.nodes.map((n) => (n.name === 'node2' ? { ...n, reachable: false } : n)) };
    expect(switchoverTargets(down, null)[0]?.unavailable).toBe('node2 is unreachable');
  });
});
