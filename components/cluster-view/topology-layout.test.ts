import { describe, expect, it } from 'vitest';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { recordedSnapshot as load } from '@/test/support/snapshots';
import { describeTopology, layoutTopology } from './topology-layout';

describe('topology picture', () => {
  it('draws one arrow per replication direction of a healthy pair, both running, labelled with threads and lag', () => {
    const t = layoutTopology(load('healthy'));
    expect(t.nodes.map((n) => n.name)).toEqual(['node1', 'node2']);
    expect(t.links.map((l) => [l.from, l.to, l.health, l.label])).toEqual([
      ['node2', 'node1', 'running', 'IO Yes · SQL Yes · lag 0 s'],
      ['node1', 'node2', 'running', 'IO Yes · SQL Yes · lag 0 s'],
    ]);
    // One arc above the row, one below: the two labels never overlap.
    const [a, b] = t.links;
    expect(a && b && Math.abs(a.labelY - b.labelY)).toBeGreaterThan(100);
    expect(describeTopology(load('healthy'))).toMatch(/^Topology: node1 holds the VIP; node2 → node1: running/);
  });

  it('with mysqld stopped on node1: only node1 → node2 is drawn, connecting, with the IO error number', () => {
    const t = layoutTopology(load('node1-mysqld-stopped'));
    expect(t.links.map((l) => [l.from, l.to, l.health])).toEqual([['node1', 'node2', 'connecting']]);
    expect(t.links[0]?.label).toBe('IO Connecting · SQL Yes · error 2003');
    expect(describeTopology(load('node1-mysqld-stopped'))).toContain('node2 holds the VIP');
  });

  it('names a split brain in the description', () => {
    expect(describeTopology(load('split-brain'))).toContain('split brain: node1 and node2 all hold the VIP');
  });

  it('notes a source outside the cluster instead of drawing an arrow to nowhere, and an unreachable node', () => {
    const s = load('healthy');
    const [n1, n2] = s.nodes;
    if (!n1?.replication || !n2) throw new Error('fixture changed');
    const odd: TClusterSnapshot = { ...s, nodes: [{ ...n1, replication: { ...n1.replication, sourceHost: '198.18.0.99' } }, { ...n2, reachable: false }] };
    const t = layoutTopology(odd);
    expect(t.external).toEqual([{ node: 'node1', sourceHost: '198.18.0.99' }]);
    expect(t.links.map((l) => `${l.from}->${l.to}`)).toEqual(['node1->node2']);
    expect(describeTopology(odd)).toContain('node2 is unreachable');
  });
});
