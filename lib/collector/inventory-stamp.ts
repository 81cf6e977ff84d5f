import { rawSqlOf, type TDb } from '@/lib/db/client';
import { sqlNumber, sqlTime } from '@/lib/db/raw-sql';

// What moves whenever the inventory does: the number of clusters and nodes,
// and the newest updatedAt of each (Prisma sets it on every create and
// update). One row of four aggregates, against every cluster and node with
// their ciphertexts for a full look.
const STAMP_SQL =
  'SELECT (SELECT COUNT(*) FROM clusters) AS clusters, (SELECT MAX(updatedAt) FROM clusters) AS clustersAt, ' +
  '(SELECT COUNT(*) FROM nodes) AS nodes, (SELECT MAX(updatedAt) FROM nodes) AS nodesAt';

export const inventoryStamp = async (db: TDb): Promise<string> => {
  const raw = rawSqlOf(db);
  if (raw) {
    const [row] = await raw.query(STAMP_SQL);
    return [sqlNumber(row?.clusters), sqlTime(row?.clustersAt) ?? 0, sqlNumber(row?.nodes), sqlTime(row?.nodesAt) ?? 0].join(':');
  }
  const [clusters, nodes] = await Promise.all([
    db.cluster.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
    db.node.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
  ]);
  return [clusters._count._all, clusters._max.updatedAt?.getTime() ?? 0, nodes._count._all, nodes._max.updatedAt?.getTime() ?? 0].join(':');
};
