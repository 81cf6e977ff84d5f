import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';

// Dependent rows are deleted explicitly: SQLite enforces ON DELETE CASCADE only when a
// connection enabled foreign keys, which the driver does not promise.
export const deleteCluster = async ({ db, name }: { db: TDb; name: string }): Promise<void> => {
  await db.$transaction(async (tx) => {
    const cluster = await tx.cluster.findUnique({ where: { name }, select: { id: true } });
    if (!cluster) throw new AppError('NOT_FOUND', `no cluster named "${name}"`);
    await tx.node.deleteMany({ where: { clusterId: cluster.id } });
    await tx.clusterSnapshot.deleteMany({ where: { clusterId: cluster.id } });
    await tx.lagSample.deleteMany({ where: { clusterId: cluster.id } });
    await tx.clusterEvent.deleteMany({ where: { clusterId: cluster.id } });
    await tx.cluster.delete({ where: { id: cluster.id } });
  });
};
