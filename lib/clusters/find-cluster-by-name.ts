import type { TTx } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { CLUSTER_WITH_NODES } from '@/lib/clusters/public-cluster';
import { CLUSTER_NAME_RE } from '@/lib/clusters/schema';

// The one lookup of a cluster by its name, for every route, page, command and
// socket: the row with its nodes (their secret columns are omitted by the
// client), inside a transaction or not, or AppError NOT_FOUND.
// A name the creation rule refuses is unknown without asking the database,
// whose PAD SPACE collation would find "lab" for "lab ".
const unknown = (name: string) => new AppError('NOT_FOUND', `no cluster named ${JSON.stringify(name.slice(0, 80))}`);

export const findClusterByName = async ({ db, name }: { db: TTx; name: string }) => {
  if (!CLUSTER_NAME_RE.test(name)) throw unknown(name);
  const cluster = await db.cluster.findUnique({ where: { name }, ...CLUSTER_WITH_NODES });
  if (!cluster) throw new AppError('NOT_FOUND', `no cluster named "${name}"`);
  return cluster;
};

// The same lookup for callers that need only the cluster's id (no node rows).
export const findClusterIdByName = async ({ db, name }: { db: TTx; name: string }): Promise<string> => {
  if (!CLUSTER_NAME_RE.test(name)) throw unknown(name);
  const cluster = await db.cluster.findUnique({ where: { name }, select: { id: true } });
  if (!cluster) throw new AppError('NOT_FOUND', `no cluster named "${name}"`);
  return cluster.id;
};
