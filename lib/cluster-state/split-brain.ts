import type { TClusterSnapshot } from '@/lib/collector/snapshot';

// During a preemption both nodes hold the VIP for a few hundred milliseconds
// (the new holder adds it before the old one has dropped it); two holders are
// only a split brain once they outlast this.
export const SPLIT_BRAIN_GRACE_MS = 400;

// The alarm follows the collector's split-brain finding, raised once two
// holders outlast the grace, never the raw holder count: the CLI once said
// SPLIT BRAIN during every preemption while the UI did not.
export const isSplitBrain = (s: TClusterSnapshot | null): boolean => Boolean(s?.findings.some((f) => f.code === 'split-brain'));
