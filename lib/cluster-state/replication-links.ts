import type { TClusterSnapshot, TSnapshotNode } from '@/lib/collector/snapshot';
import { linkHealth, type TLinkHealth } from './link-health';

// One replication direction, what the overview card, the fleet summary and
// the topology picture share.
export type TReplicationLink = { from: string; to: string; health: TLinkHealth; lagSeconds: number | null; label: string; description: string };

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

