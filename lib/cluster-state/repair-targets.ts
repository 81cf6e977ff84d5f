import type { TClusterSnapshot, TSnapshotNode } from '@/lib/collector/snapshot';
import { linkHealth } from './link-health';

export type TRepairTarget = { node: string; source: string | null; holdsVip: boolean; problem: string; unavailable: string | null };

// "IO No, SQL Yes, SQL error 1062" – what the live state says of one
// node's replica, for the button that offers to repair it.
const describeProblem = (r: NonNullable<TSnapshotNode['replication']>): string => {
  const errors = [r.lastIoErrno ? `IO error ${r.lastIoErrno}` : null, r.lastSqlErrno ? `SQL error ${r.lastSqlErrno}` : null].filter((e) => e !== null);
  return [`IO ${r.ioRunning ?? '?'}, SQL ${r.sqlRunning ?? '?'}`, ...errors].join(', ');
};

// An IO thread retrying a refused connection (2003, 1045) says
// "Connecting" with an error: that is broken too; "Connecting" without one
// is a replica starting up.
const isBroken = (n: TSnapshotNode): boolean => {
  const r = n.replication;
  if (!n.reachable || !r) return false;
  const health = linkHealth(r);
  return health === 'broken' || (health === 'connecting' && (r.lastIoErrno ?? 0) > 0);
};

// The nodes the repair wizard is offered for, read from the live state:
// those whose replication is broken. Light on purpose, like the other
// buttons' targets: the diagnosis and the preflight, read fresh from the
// nodes, decide what can be done.
export const repairTargets = (state: TClusterSnapshot, runningRun: { id: string; requestedBy: string } | null): TRepairTarget[] => {
  const unavailable = runningRun !== null ? `a run is in progress (${runningRun.id.slice(0, 8)}, by ${runningRun.requestedBy})` : null;
  return state.nodes.filter(isBroken).map((n) => ({
    node: n.name,
    source: state.nodes.find((p) => p.name !== n.name)?.name ?? null,
    holdsVip: n.holdsVip,
    problem: n.replication ? describeProblem(n.replication) : 'no replica',
    unavailable,
  }));
};
