import type { TDb } from '@/lib/db/client';

// What moves whenever the inventory does: the number of clusters and nodes,
// and the newest updatedAt of each (Prisma sets it on every create and
// update). Two aggregate rows, against every cluster and node with their
// ciphertexts for a full look.
export const inventoryStamp = async (db: TDb): Promise<string> => {
  const [clusters, nodes] = await Promise.all([
    db.cluster.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
    db.node.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
  ]);
  return [clusters._count._all, clusters._max.updatedAt?.getTime() ?? 0, nodes._count._all, nodes._max.updatedAt?.getTime() ?? 0].join(':');
};
