import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { ageOf, isStale } from './freshness';
import { statusOf, type TOverallStatus } from './overall-status';
import { isSplitBrain } from './split-brain';
import { vipStateOf, type TVipState } from './vip-state';

// What the state means, in the words the UI and `tandem status` use, for API
// readers: decided here once, so no client has to re-derive it.
export type TStateSummary = { status: TOverallStatus; vip: TVipState; splitBrain: boolean; ageMs: number; stale: boolean };

export const summarizeState = (s: TClusterSnapshot, now = Date.now()): TStateSummary => {
  const ageMs = ageOf(s.observedAt, now);
  return { status: statusOf(s), vip: vipStateOf(s), splitBrain: isSplitBrain(s), ageMs, stale: isStale(ageMs) };
};
