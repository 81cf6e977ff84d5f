import type { TClusterSnapshot } from '@/lib/collector/snapshot';

// Why "Check drift" cannot run now, read from the live state (null: it
// may). Light on purpose: the preflight, read fresh from the nodes,
// decides (broken replication, two writers, no tables are refused there).
export const driftCheckUnavailable = (state: TClusterSnapshot, runningRun: { id: string; requestedBy: string } | null): string | null => {
  if (runningRun !== null) return `a run is in progress (${runningRun.id.slice(0, 8)}, by ${runningRun.requestedBy})`;
  const n = state.nodes.length;
  return n === 2 ? null : `a drift check compares a pair; this cluster has ${n} node${n === 1 ? '' : 's'}`;
};
