import type { TDb } from '@/lib/db/client';
import { findClusterIdByName } from '@/lib/clusters/find-cluster-by-name';
import { isEventKind, type TClusterEvent, type TClusterEventKind } from './snapshot';

const parseData = (text: string): Record<string, unknown> => {
  const v: unknown = JSON.parse(text);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {};
};

export const listEvents = async ({ db, name, since, limit = 500, kinds }: { db: TDb; name: string; since: Date; limit?: number; kinds?: TClusterEventKind[] }): Promise<TClusterEvent[]> => {
  const clusterId = await findClusterIdByName({ db, name });
  const rows = await db.clusterEvent.findMany({ where: { clusterId, at: { gte: since }, ...(kinds && { kind: { in: kinds } }) }, orderBy: [{ at: 'asc' }, { id: 'asc' }], take: limit });
  return rows.flatMap((r) => (!isEventKind(r.kind) ? [] : [{
    at: r.at.toISOString(),
    kind: r.kind,
    node: r.node,
    severity: r.severity,
    message: r.message,
    ...(r.data && { data: parseData(r.data) }),
  }]));
};
