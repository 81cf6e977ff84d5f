import { replicationLinks, type TReplicationLink } from '@/lib/cluster-state/replication-links';
import { vipStateOf, type TVipState } from '@/lib/cluster-state/vip-state';
import type { TClusterSnapshot, TSnapshotNode } from '@/lib/collector/snapshot';

// Where the topology picture puts things, as plain data so it can be tested
// without a browser: node boxes in a row, one arc per replication direction
// (source → replica), above the row when it points right, below when left.

export type TTopologyNode = { name: string; x: number; y: number; node: TSnapshotNode };
export type TTopologyLink = TReplicationLink & { path: string; labelX: number; labelY: number };

export const BOX = { width: 170, height: 92 };
const GAP = 190;
const MARGIN = 30;
export const TOP = 96;

export const layoutTopology = (state: TClusterSnapshot) => {
  const nodes: TTopologyNode[] = state.nodes.map((node, i) => ({ name: node.name, x: MARGIN + i * (BOX.width + GAP), y: TOP, node }));
  const width = Math.max(2, nodes.length) * BOX.width + (Math.max(2, nodes.length) - 1) * GAP + 2 * MARGIN;
  const height = TOP + BOX.height + 96;
  const xOf = new Map(nodes.map((n) => [n.name, n.x]));
  const { links: replication, external } = replicationLinks(state);
  const links: TTopologyLink[] = replication.map((link) => {
    const from = xOf.get(link.from) ?? 0;
    const to = xOf.get(link.to) ?? 0;
    const rightwards = from < to;
    const sx = from + BOX.width / 2 + (rightwards ? 30 : -30);
    const tx = to + BOX.width / 2 + (rightwards ? -30 : 30);
    const edgeY = rightwards ? TOP : TOP + BOX.height;
    const bulge = Math.min(80, 40 + Math.abs(tx - sx) / 12) * (rightwards ? -1 : 1);
    const midX = (sx + tx) / 2;
    return { ...link, path: `M ${sx} ${edgeY} Q ${midX} ${edgeY + 2 * bulge} ${tx} ${edgeY}`, labelX: midX, labelY: edgeY + bulge + (rightwards ? -8 : 18) };
  });
  return { width, height, nodes, links, external };
};

const describeVip = (vip: TVipState, holders: string[]): string => {
  switch (vip) {
    case 'unassigned':
      return 'nobody holds the VIP';
    case 'held':
      return `${holders.join(' and ')} holds the VIP`;
    case 'moving':
      return `${holders.join(' and ')} hold the VIP for a moment (a move in progress)`;
    case 'split-brain':
      return `split brain: ${holders.join(' and ')} all hold the VIP`;
  }
};

export const describeTopology = (state: TClusterSnapshot): string => {
  const { links, external } = replicationLinks(state);
  const parts = [describeVip(vipStateOf(state), state.vip.holders), ...links.map((l) => l.description), ...external.map((e) => `${e.node} replicates from ${e.sourceHost}, outside this cluster`)];
  for (const n of state.nodes) if (!n.reachable) parts.push(`${n.name} is unreachable`);
  return `Topology: ${parts.join('; ')}.`;
};
