import { linkHealth, type TLinkHealth } from '@/lib/cluster-state/link-health';
import { vipStateOf, type TVipState } from '@/lib/cluster-state/vip-state';
import type { TClusterSnapshot, TSnapshotNode } from '@/lib/collector/snapshot';

// Where the topology picture puts things, as plain data so it can be tested
// without a browser: node boxes in a row, one arc per replication direction
// (source → replica), above the row when it points right, below when left.

export type TTopologyNode = { name: string; x: number; y: number; node: TSnapshotNode };
// One replication direction, what the overview card and the picture share.
export type TReplicationLink = { from: string; to: string; health: TLinkHealth; lagSeconds: number | null; label: string; description: string };
export type TTopologyLink = TReplicationLink & { path: string; labelX: number; labelY: number };

export const BOX = { width: 170, height: 92 };
const GAP = 190;
const MARGIN = 30;
export const TOP = 96;

const linkLabel = (n: TSnapshotNode): string => {
  const r = n.replication;
  if (!r) return '';
  const errno = (r.lastIoErrno ?? 0) || (r.lastSqlErrno ?? 0);
  const lag = n.lagSeconds === null ? 'lag —' : `lag ${n.lagSeconds} s`;
  return `IO ${r.ioRunning ?? '?'} · SQL ${r.sqlRunning ?? '?'} · ${errno ? `error ${errno}` : lag}`;
};

// A replica's Master_Host may name its source by address, node name or hostname.
const sourceOf = (nodes: TSnapshotNode[], replica: TSnapshotNode): TSnapshotNode | undefined => {
  const host = replica.replication?.sourceHost;
  if (!host) return undefined;
  return nodes.find((n) => n !== replica && (n.host === host || n.name === host || n.hostname === host));
};

// Every replica's link to its source node; a source outside the cluster is
// listed apart (there is no box to draw an arrow from).
export const replicationLinks = (state: TClusterSnapshot) => {
  const links: TReplicationLink[] = [];
  const external: { node: string; sourceHost: string }[] = [];
  for (const replica of state.nodes) {
    const r = replica.replication;
    if (!r) continue;
    const source = sourceOf(state.nodes, replica);
    if (!source) {
      if (r.sourceHost) external.push({ node: replica.name, sourceHost: r.sourceHost });
      continue;
    }
    const label = linkLabel(replica);
    const health = linkHealth(r);
    links.push({ from: source.name, to: replica.name, health, lagSeconds: replica.lagSeconds, label, description: `${source.name} → ${replica.name}: ${health}, ${label}` });
  }
  return { links, external };
};

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
