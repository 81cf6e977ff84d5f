import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { isSplitBrain } from './split-brain';

// What the VIP's holders mean: nobody (an outage), one node, several nodes
// for a moment (a move in progress), or a split brain.
export type TVipState = 'unassigned' | 'held' | 'moving' | 'split-brain';

export const vipStateOf = (s: TClusterSnapshot): TVipState => {
  if (s.vip.holders.length === 0) return 'unassigned';
  if (s.vip.holders.length === 1) return 'held';
  return isSplitBrain(s) ? 'split-brain' : 'moving';
};
