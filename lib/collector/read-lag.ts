import type { TDb } from '@/lib/db/client';
import { findClusterIdByName } from '@/lib/clusters/find-cluster-by-name';
import { AppError } from '@/lib/errors/app-error';
import type { TLagPoint } from './snapshot';

export type TLagSeries = { node: string; points: Omit<TLagPoint, 'node'>[] }[];

export const readLag = async ({ db, name, from, to }: { db: TDb; name: string; from: Date; to: Date }): Promise<TLagSeries> => {
  if (from > to) throw new AppError('INVALID', 'from must be before to', { fields: { from: 'must be before to' } });
  const clusterId = await findClusterIdByName({ db, name });
  // Newest first, then reversed: when a wide range holds more than the cap,
  // it is the oldest samples that are left out, never the current ones.
  const rows = (await db.lagSample.findMany({ where: { clusterId, at: { gte: from, lte: to } }, orderBy: { at: 'desc' }, take: 50_000 })).reverse();
  const byNode = new Map<string, TLagSeries[number]['points']>();
  for (const r of rows) {
    const points = byNode.get(r.node) ?? [];
    points.push({ at: r.at.toISOString(), secondsBehind: r.secondsBehind, heartbeatLagSeconds: r.heartbeatLagSeconds });
    byNode.set(r.node, points);
  }
  return [...byNode].map(([node, points]) => ({ node, points }));
};
