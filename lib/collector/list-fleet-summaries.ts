import type { TDb } from '@/lib/db/client';
import { fleetSummaryOf, unobservedSummary, type TFleetSummary } from '@/lib/cluster-state/fleet-summary';
import { liveSnapshots } from './collector';
import type { TClusterSnapshot } from './snapshot';

const parseSaved = (json: string): TClusterSnapshot | null => {
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && 'cluster' in parsed && 'findings' in parsed ? (parsed as TClusterSnapshot) : null;
  } catch {
    return null;
  }
};

// Every cluster's summary in two queries, whatever the fleet's size: the live
// snapshot where this process watches the cluster, else the one last saved.
export const listFleetSummaries = async ({ db }: { db: TDb }): Promise<TFleetSummary[]> => {
  const clusters = await db.cluster.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } });
  const live = new Map(liveSnapshots().map((s) => [s.cluster, s]));
  // Saved snapshots (tens of kilobytes each) only of clusters not watched here.
  const unwatched = clusters.filter((c) => !live.has(c.name)).map((c) => c.id);
  const saved = new Map(unwatched.length === 0 ? [] : (await db.clusterSnapshot.findMany({ where: { clusterId: { in: unwatched } }, select: { clusterId: true, json: true } })).map((r) => [r.clusterId, r.json]));
  return clusters.map((c) => {
    const l = live.get(c.name);
    if (l) return fleetSummaryOf(l);
    const json = saved.get(c.id);
    const s = json === undefined ? null : parseSaved(json);
    // A saved snapshot keeps the name it had; the cluster's name is today's.
    return s ? { ...fleetSummaryOf(s), cluster: c.name } : unobservedSummary(c.name);
  });
};
