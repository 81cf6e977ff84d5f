import type { TClusterSnapshot } from '@/lib/collector/snapshot';

export type TSwitchoverTarget = { node: string; unavailable: string | null };

// The nodes a switchover could go to, with the obvious reason it cannot
// right now, read from the live state. Deliberately light: the preflight,
// read fresh from the nodes, is the authority and may still refuse.
export const switchoverTargets = (state: TClusterSnapshot, runningRun: { id: string; requestedBy: string } | null): TSwitchoverTarget[] => {
  const holders = state.vip.holders;
  const common =
    runningRun !== null
      ? `a run is in progress (${runningRun.id.slice(0, 8)}, by ${runningRun.requestedBy})`
      : holders.length === 0
        ? 'nobody holds the VIP'
        : holders.length > 1
          ? `more than one node holds the VIP (${holders.join(' and ')})`
          : null;
  return state.nodes
    .filter((n) => !holders.includes(n.name))
    .map((n) => ({ node: n.name, unavailable: common ?? (n.reachable ? null : `${n.name} is unreachable`) }));
};
