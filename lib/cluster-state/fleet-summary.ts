import { z } from 'zod';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { statusOf, type TOverallStatus } from './overall-status';
import { replicationLinks } from './replication-links';
import { isSplitBrain } from './split-brain';

// What the fleet overview shows of one cluster: a few hundred bytes instead
// of a whole snapshot (tens of kilobytes with every node's replication
// status), so a page watching 500 clusters receives only what it draws.
export const ZFleetSummarySchema = z.object({
  cluster: z.string(),
  status: z.enum(['healthy', 'degraded', 'critical', 'unknown']),
  holders: z.array(z.string()),
  splitBrain: z.boolean(),
  links: z.array(z.object({ from: z.string(), to: z.string(), health: z.enum(['running', 'connecting', 'broken', 'unknown']), lagSeconds: z.number().nullable() })),
  // The largest lag of any direction (null: none known), for sorting by lag.
  maxLagSeconds: z.number().nullable(),
  findings: z.object({ critical: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  observedAt: z.string().nullable(),
});
export type TFleetSummary = z.infer<typeof ZFleetSummarySchema>;

// A batch of the fleet stream: summaries that changed, and for clusters whose
// summary did not change only the time they were observed again (so a page
// can still tell a quiet cluster from one nobody watches).
export const ZFleetBatchSchema = z.object({
  changed: z.array(ZFleetSummarySchema),
  observed: z.array(z.tuple([z.string(), z.string()])),
});
export type TFleetBatch = z.infer<typeof ZFleetBatchSchema>;

export const unobservedSummary = (cluster: string): TFleetSummary => ({ cluster, status: 'unknown', holders: [], splitBrain: false, links: [], maxLagSeconds: null, findings: { critical: 0, warning: 0, info: 0 }, observedAt: null });

export const fleetSummaryOf = (s: TClusterSnapshot): TFleetSummary => {
  const findings = { critical: 0, warning: 0, info: 0 };
  for (const f of s.findings) findings[f.severity] += 1;
  const links = replicationLinks(s).links.map(({ from, to, health, lagSeconds }) => ({ from, to, health, lagSeconds }));
  const lags = links.flatMap((l) => (l.lagSeconds === null ? [] : [l.lagSeconds]));
  return {
    cluster: s.cluster,
    status: statusOf(s),
    holders: s.vip.holders,
    splitBrain: isSplitBrain(s),
    links,
    maxLagSeconds: lags.length > 0 ? Math.max(...lags) : null,
    findings,
    observedAt: s.observedAt,
  };
};

// The part whose change is worth sending in full.
export const summaryFingerprint = (s: TFleetSummary): string => JSON.stringify({ ...s, observedAt: null });
