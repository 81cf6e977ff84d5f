import type { TDb } from '@/lib/db/client';
import { findClusterByName } from '@/lib/clusters/find-cluster-by-name';
import { toPublicCluster, type TPublicCluster } from '@/lib/clusters/public-cluster';

export const getCluster = async ({ db, name }: { db: TDb; name: string }): Promise<TPublicCluster> => toPublicCluster(await findClusterByName({ db, name }));
