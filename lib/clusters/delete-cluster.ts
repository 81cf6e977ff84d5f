import type { TDb } from '@/lib/db/client';
import { findClusterByName } from '@/lib/clusters/find-cluster-by-name';

// Dependent rows are deleted explicitly: SQLite enforces ON DELETE CASCADE only when a
// connection enabled foreign keys, which the driver does not promise.
export const deleteCluster = async ({ db, name }: { db: TDb; name: string }): Promise<void> => {
  await db.$transaction(async (tx) => {
    const cluster = await findClusterByName({ db: tx, name });
    await tx.node.deleteMany({ where: { clusterId: cluster.id } });
    await tx.clusterSnapshot.deleteMany({ where: { clusterId: cluster.id } });
    await tx.lagSample.deleteMany({ where: { clusterId: cluster.id } });
    await tx.clusterEvent.deleteMany({ where: { clusterId: cluster.id } });
    await tx.cluster.delete({ where: { id: cluster.id } });
  });
};
