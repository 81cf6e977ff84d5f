import type { TClusterSnapshot } from '@/lib/collector/snapshot';

export type TOverallStatus = 'healthy' | 'degraded' | 'critical' | 'unknown';

// One word for a cluster: any critical finding → critical, any other
// finding → degraded, none → healthy; never observed → unknown.
export const statusOf = (s: TClusterSnapshot | null): TOverallStatus => {
  if (!s) return 'unknown';
  if (s.findings.some((f) => f.severity === 'critical')) return 'critical';
  return s.findings.length > 0 ? 'degraded' : 'healthy';
};

// The alarm follows the split-brain finding, not the raw holder count: during
// a preemption both nodes hold the VIP for a few hundred milliseconds, and the
// collector only calls it a split brain once it outlasts that.
export const isSplitBrain = (s: TClusterSnapshot | null): boolean => Boolean(s?.findings.some((f) => f.code === 'split-brain'));
