import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { CLUSTER_WITH_NODES, toPublicCluster, type TPublicCluster } from '@/lib/clusters/public-cluster';

export const getCluster = async ({ db, name }: { db: TDb; name: string }): Promise<TPublicCluster> => {
  const cluster = await db.cluster.findUnique({ where: { name }, ...CLUSTER_WITH_NODES });
  if (!cluster) throw new AppError('NOT_FOUND', `no cluster named "${name}"`);
  return toPublicCluster(cluster);
};
