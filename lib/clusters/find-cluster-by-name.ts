import type { TTx } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { CLUSTER_WITH_NODES } from '@/lib/clusters/public-cluster';

// The one lookup of a cluster by its name, for every route, page, command and
// socket: the row with its nodes (their secret columns are omitted by the
// client), inside a transaction or not, or AppError NOT_FOUND.
export const findClusterByName = async ({ db, name }: { db: TTx; name: string }) => {
  const cluster = await db.cluster.findUnique({ where: { name }, ...CLUSTER_WITH_NODES });
  if (!cluster) throw new AppError('NOT_FOUND', `no cluster named "${name}"`);
  return cluster;
};

// The same lookup for callers that need only the cluster's id (no node rows).
export const findClusterIdByName = async ({ db, name }: { db: TTx; name: string }): Promise<string> => {
  const cluster = await db.cluster.findUnique({ where: { name }, select: { id: true } });
  if (!cluster) throw new AppError('NOT_FOUND', `no cluster named "${name}"`);
  return cluster.id;
};
