import type { TDb } from '@/lib/db/client';
import { findClusterIdByName } from '@/lib/clusters/find-cluster-by-name';

// Dependent rows are deleted explicitly: SQLite enforces ON DELETE CASCADE only when a
// connection enabled foreign keys, which the driver does not promise.
export const deleteCluster = async ({ db, name }: { db: TDb; name: string }): Promise<void> => {
  await db.$transaction(async (tx) => {
    const clusterId = await findClusterIdByName({ db: tx, name });
    await tx.node.deleteMany({ where: { clusterId } });
    await tx.clusterSnapshot.deleteMany({ where: { clusterId } });
    await tx.lagSample.deleteMany({ where: { clusterId } });
    await tx.clusterEvent.deleteMany({ where: { clusterId } });
    await tx.cluster.delete({ where: { id: clusterId } });
  });
};
