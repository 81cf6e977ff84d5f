import type { TFleetBatch, TFleetSummary } from '@/lib/cluster-state/fleet-summary';
import type { TOverallStatus } from '@/lib/cluster-state/overall-status';
import { isStale } from '@/lib/cluster-state/freshness';
import { replacesObservation } from '@/lib/cluster-state/observation-order';
import type { TOverviewCluster } from '@/lib/clusters/list-overview-clusters';

export type { TOverviewCluster };

// The overview's logic as plain functions (tested without a browser).

export type TFleetSort = 'status' | 'name' | 'lag';
export type TFleetFilter = { text: string; status: '' | TOverallStatus; sort: TFleetSort };

// Worst first: the clusters someone must look at lead the list.
const STATUS_RANK: Record<TOverallStatus, number> = { critical: 0, degraded: 1, unknown: 2, healthy: 3 };

export const applyFleetBatch = (current: ReadonlyMap<string, TFleetSummary>, batch: TFleetBatch): ReadonlyMap<string, TFleetSummary> => {
  // Copied on the first change only: an all-late batch redraws nothing.
  let next: Map<string, TFleetSummary> | null = null;
  const shown = (cluster: string) => (next ?? current).get(cluster);
  const set = (s: TFleetSummary) => (next ??= new Map(current)).set(s.cluster, s);
  // A summary observed before the one shown is late (observation-order.ts).
  for (const s of batch.changed) if (replacesObservation(shown(s.cluster)?.observedAt, s.observedAt)) set(s);
  for (const [cluster, observedAt] of batch.observed) {
    const s = shown(cluster);
    if (s && s.observedAt !== observedAt && replacesObservation(s.observedAt, observedAt)) set({ ...s, observedAt });
  }
  return next ?? current;
};

const lagKey = (s: TFleetSummary | undefined): number => {
  if (!s) return -1;
  // A broken direction has no lag but is worse than any lag.
  if (s.links.some((l) => l.health === 'broken')) return Number.POSITIVE_INFINITY;
  return s.maxLagSeconds ?? -1;
};

const statusIn = (summaries: ReadonlyMap<string, TFleetSummary>, c: TOverviewCluster): TOverallStatus => summaries.get(c.name)?.status ?? 'unknown';

// Whether a cluster passes the name (or VIP) and status filters.
export const fleetMatcher = (summaries: ReadonlyMap<string, TFleetSummary>, filter: Pick<TFleetFilter, 'text' | 'status'>) => {
  const text = filter.text.trim().toLowerCase();
  return (c: TOverviewCluster): boolean => (!text || c.name.includes(text) || c.vip.includes(text)) && (!filter.status || statusIn(summaries, c) === filter.status);
};

export const sortClusters = (clusters: readonly TOverviewCluster[], summaries: ReadonlyMap<string, TFleetSummary>, sort: TFleetSort): TOverviewCluster[] => {
  const shown = [...clusters];
  const statusOf = (c: TOverviewCluster) => statusIn(summaries, c);
  const byName = (a: TOverviewCluster, b: TOverviewCluster) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  if (sort === 'name') return shown.sort(byName);
  if (sort === 'status') return shown.sort((a, b) => STATUS_RANK[statusOf(a)] - STATUS_RANK[statusOf(b)] || byName(a, b));
  return shown.sort((a, b) => lagKey(summaries.get(b.name)) - lagKey(summaries.get(a.name)) || byName(a, b));
};

export const countByStatus = (clusters: readonly TOverviewCluster[], summaries: ReadonlyMap<string, TFleetSummary>): Record<TOverallStatus, number> => {
  const counts: Record<TOverallStatus, number> = { critical: 0, degraded: 0, unknown: 0, healthy: 0 };
  for (const c of clusters) counts[summaries.get(c.name)?.status ?? 'unknown'] += 1;
  return counts;
};

// Coarse on purpose: a healthy fleet is observed every few seconds, and a
// label that changed every second would redraw every card every second.
export const observedLabel = (observedAt: string | null, now: number | null): { text: string; stale: boolean } => {
  if (observedAt === null) return { text: 'not observed yet', stale: false };
  if (now === null) return { text: 'observed', stale: false };
  const ageMs = now - Date.parse(observedAt);
  const stale = isStale(ageMs);
  if (ageMs < 10_000) return { text: 'observed just now', stale };
  return { text: `observed ${Math.round(ageMs / 1000)} s ago${stale ? ' (stale)' : ''}`, stale };
};
