import type { TClusterSnapshot } from '@/lib/collector/snapshot';

export type TDrillTarget = { nodes: string[]; defaultNode: string | null; unavailable: string | null };

// What the "Run failover drill" button offers, read from the live state:
// the nodes, the one to break by default (the VIP holder: that is the
// failover the drill is for) and the obvious reason it cannot run now.
// Light on purpose, like the switchover's: the preflight, read fresh from
// the nodes, decides (an unhealthy pair is refused there, with the reason).
export const drillTarget = (state: TClusterSnapshot, runningRun: { id: string; requestedBy: string } | null): TDrillTarget => {
  const nodes = state.nodes.map((n) => n.name);
  const holders = state.vip.holders;
  const defaultNode = holders.length === 1 ? (holders[0] ?? null) : (nodes[0] ?? null);
  const unavailable =
    runningRun !== null
      ? `a run is in progress (${runningRun.id.slice(0, 8)}, by ${runningRun.requestedBy})`
      : nodes.length !== 2
        ? `a drill is for a pair of masters; this cluster has ${nodes.length} node${nodes.length === 1 ? '' : 's'}`
        : null;
  return { nodes, defaultNode, unavailable };
};
