import { rawSqlOf, type TDb } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { countDbWrite } from '@/lib/metrics/count-db-write';
import { saveSnapshots } from './save-snapshots';
import type { TClusterSnapshot } from './snapshot';

// The collector's periodic writes (each cluster's latest snapshot, every
// node's lag sample) from the whole fleet leave together, once a second: the
// lag samples in one statement, the snapshots in one upsert per chunk
// (save-snapshots.ts), each cluster's once however often it changed in that
// second. At 1,000 nodes one statement per sample and per
// save was hundreds a second, each blocking the event loop on SQLite. Events
// are rare and someone may be waiting for them: they are written at once,
// elsewhere.
export const HISTORY_FLUSH_MS = 1000;

type TLagRow = { clusterId: string; node: string; at: Date; secondsBehind: number | null; heartbeatLagSeconds: number | null };

export type THistoryWriter = {
  queueLag: (row: TLagRow) => void;
  // The latest snapshot of a cluster replaces one still waiting.
  queueSnapshot: (clusterId: string, snapshot: TClusterSnapshot) => void;
  // A cluster removed from the inventory: what it still had waiting is dropped.
  forget: (clusterId: string) => void;
  flush: () => Promise<void>;
};

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

// Plain names, the same in SQLite and MySQL; 5 values a row keeps a chunk
// far below either's placeholder limit.
const LAG_CHUNK = 500;
const LAG_INSERT = 'INSERT INTO lag_samples (clusterId, node, at, secondsBehind, heartbeatLagSeconds) VALUES ';

// One statement per chunk, straight to the driver where the handle has one
// (lib/db/raw-sql.ts: a second's batch is the collector's most frequent
// statement), else Prisma's createMany. One row may name a cluster deleted
// meanwhile: the rest must not be lost with it, so a failed chunk is written
// row by row.
const insertLag = async (db: TDb, rows: TLagRow[]) => {
  const raw = rawSqlOf(db);
  for (let i = 0; i < rows.length; i += LAG_CHUNK) {
    const chunk = rows.slice(i, i + LAG_CHUNK);
    try {
      if (raw) {
        await raw.execute(LAG_INSERT + chunk.map(() => '(?, ?, ?, ?, ?)').join(', '), chunk.flatMap((r) => [r.clusterId, r.node, r.at, r.secondsBehind, r.heartbeatLagSeconds]));
        countDbWrite({ model: 'LagSample', operation: 'createMany' });
      } else await db.lagSample.createMany({ data: chunk });
    } catch (e) {
      logger.debug('lag batch failed, writing row by row', { error: describe(e) });
      for (const r of chunk) await db.lagSample.create({ data: r }).catch(() => undefined);
    }
  }
};

export const createHistoryWriter = (db: TDb, everyMs = HISTORY_FLUSH_MS): THistoryWriter => {
  let lag: TLagRow[] = [];
  // Encoded when written: a cluster that changed several times in a second
  // is stringified once.
  let snapshots = new Map<string, TClusterSnapshot>();
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  // No transaction around the batch: one held across the awaits would keep
  // every other writer (an action's steps, the API) waiting on SQLite for as
  // long as the event loop takes to get through it.
  const write = async (rows: TLagRow[], snaps: [string, TClusterSnapshot][]) => {
    if (rows.length > 0) await insertLag(db, rows);
    if (snaps.length > 0) await saveSnapshots(db, snaps.map(([clusterId, s]) => ({ clusterId, observedAt: new Date(s.observedAt), json: JSON.stringify(s) })));
  };

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const rows = lag;
    const snaps = [...snapshots];
    lag = [];
    snapshots = new Map();
    flushing = flushing.then(() => (rows.length + snaps.length > 0 ? write(rows, snaps) : undefined));
    return flushing;
  };

  const schedule = () => {
    if (timer) return;
    timer = setTimeout(() => void flush(), everyMs);
    timer.unref();
  };

  return {
    queueLag: (row) => {
      lag.push(row);
      schedule();
    },
    queueSnapshot: (clusterId, snapshot) => {
      snapshots.set(clusterId, snapshot);
      schedule();
    },
    forget: (clusterId) => {
      lag = lag.filter((r) => r.clusterId !== clusterId);
      snapshots.delete(clusterId);
    },
    flush,
  };
};
