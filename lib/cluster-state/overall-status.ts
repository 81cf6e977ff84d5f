import type { TClusterSnapshot } from '@/lib/collector/snapshot';

export type TOverallStatus = 'healthy' | 'degraded' | 'critical' | 'unknown';

// One word for a cluster: any critical finding → critical, any other
// finding → degraded, none → healthy; never observed → unknown.
export const statusOf = (s: TClusterSnapshot | null): TOverallStatus => {
  if (!s) return 'unknown';
  if (s.findings.some((f) => f.severity === 'critical')) return 'critical';
  return s.findings.length > 0 ? 'degraded' : 'healthy';
};
