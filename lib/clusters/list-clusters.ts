import type { TDb } from '@/lib/db/client';
import { CLUSTER_WITH_NODES, toPublicCluster, type TPublicCluster } from '@/lib/clusters/public-cluster';

export const listClusters = async ({ db }: { db: TDb }): Promise<TPublicCluster[]> =>
  (await db.cluster.findMany({ orderBy: { name: 'asc' }, ...CLUSTER_WITH_NODES })).map(toPublicCluster);
