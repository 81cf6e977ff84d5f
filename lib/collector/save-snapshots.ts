import { rawSqlOf, type TDb } from '@/lib/db/client';
import type { TDialect } from '@/lib/db/dialect';
import { logger } from '@/lib/log';
import { countDbWrite } from '@/lib/metrics/count-db-write';

export type TSnapshotRow = { clusterId: string; observedAt: Date; json: string };

// Each cluster's latest snapshot, saved for many clusters at once: one
// multi-row upsert per chunk. Prisma's upsert is a read, a write and a read
// back of the whole row per cluster; at 1,000 nodes that was ≈ 100 a second,
// and on SQLite each statement runs on the event loop, so a second's batch
// held it for 300–400 ms. Chunks are bounded in rows and bytes and the event
// loop gets a turn between them.
const MAX_ROWS = 100;
const MAX_BYTES = 1 << 20;

const UPSERT: Record<TDialect, { head: string; tuple: string; tail: string }> = {
  sqlite: {
    head: 'INSERT INTO "cluster_snapshots" ("clusterId", "observedAt", "json") VALUES ',
    tuple: '(?, ?, ?)',
    tail: ' ON CONFLICT ("clusterId") DO UPDATE SET "observedAt" = excluded."observedAt", "json" = excluded."json"',
  },
  // VALUES(col): MariaDB's spelling; MySQL 8.0.20+ still accepts it (with a
  // deprecation warning) and has no form MariaDB accepts too.
  mysql: {
    head: 'INSERT INTO `cluster_snapshots` (`clusterId`, `observedAt`, `json`) VALUES ',
    tuple: '(?, ?, ?)',
    tail: ' ON DUPLICATE KEY UPDATE `observedAt` = VALUES(`observedAt`), `json` = VALUES(`json`)',
  },
};

const chunked = (rows: TSnapshotRow[]): TSnapshotRow[][] => {
  const chunks: TSnapshotRow[][] = [];
  let current: TSnapshotRow[] = [];
  let bytes = 0;
  for (const r of rows) {
    if (current.length > 0 && (current.length >= MAX_ROWS || bytes + r.json.length > MAX_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += r.json.length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

// Row by row through Prisma: where the dialect is unknown, and for a chunk
// that failed (a cluster deleted meanwhile must not take the others with it).
const oneByOne = async (db: TDb, rows: TSnapshotRow[]) => {
  for (const r of rows) {
    await db.clusterSnapshot
      .upsert({ where: { clusterId: r.clusterId }, create: r, update: { observedAt: r.observedAt, json: r.json }, select: { clusterId: true } })
      .catch((e: unknown) => logger.warn('collector could not save', { what: 'snapshot', error: describe(e) }));
  }
};

export const saveSnapshots = async (db: TDb, rows: TSnapshotRow[]): Promise<void> => {
  const raw = rawSqlOf(db);
  if (!raw) return oneByOne(db, rows);
  const sql = UPSERT[raw.dialect];
  let first = true;
  for (const chunk of chunked(rows)) {
    if (!first) await new Promise((r) => setImmediate(r));
    first = false;
    const statement = sql.head + chunk.map(() => sql.tuple).join(', ') + sql.tail;
    try {
      await raw.execute(statement, chunk.flatMap((r) => [r.clusterId, r.observedAt, r.json]));
      countDbWrite({ model: 'ClusterSnapshot', operation: 'upsertMany' });
    } catch (e) {
      logger.debug('snapshot batch failed, saving row by row', { error: describe(e) });
      await oneByOne(db, chunk);
    }
  }
};
