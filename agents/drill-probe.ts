import type mysql from 'mysql2/promise';
import { openMysql } from './mysql-connect';
import type { TNodeTarget } from './node-target';

// A drill's stand-in for the application: numbered writes and plain reads
// through the VIP with the cluster's probe credential, on a fixed schedule
// whatever the answers (a stalled attempt never delays the next one), each
// on a new connection so a moved VIP is seen at once. Every attempt is
// recorded with its start, duration, outcome and the server that took it.
export type TProbeAttempt = { kind: 'write' | 'read'; seq: number; t: number; ms: number; ok: boolean; serverId: number | null; error: string | null };

export const DRILL_TABLE = 'tandem.drill_writes';

const CONNECT_TIMEOUT_MS = 1000;
const QUERY_TIMEOUT_MS = 2000;
// Beyond this many attempts in flight the schedule skips a beat (recorded as
// not attempted) rather than pile up connections on a dying server.
const MAX_IN_FLIGHT = 100;

const SETUP = [
  'CREATE DATABASE IF NOT EXISTS tandem',
  // No unique key on (run_id, seq): a row applied twice must show as a duplicate, not break replication.
  `CREATE TABLE IF NOT EXISTS ${DRILL_TABLE} (run_id CHAR(36) NOT NULL, seq INT UNSIGNED NOT NULL, server_id INT UNSIGNED NOT NULL, written_at DATETIME(6) NOT NULL, KEY run_seq (run_id, seq), KEY written (written_at)) ENGINE=InnoDB`,
];
// Old drills' rows go after 30 days (their counts are in the reports), a
// bounded batch each time; a probe user without DELETE just keeps them.
const PRUNE = `DELETE FROM ${DRILL_TABLE} WHERE written_at < NOW() - INTERVAL 30 DAY LIMIT 10000`;

const errorOf = (e: unknown): string => {
  if (e instanceof Error && 'code' in e && typeof e.code === 'string') return `${e.code}${'errno' in e && typeof e.errno === 'number' ? ` ${e.errno}` : ''}`;
  return e instanceof Error ? e.message.slice(0, 120) : String(e).slice(0, 120);
};

const connect = (vip: string, credentials: TNodeTarget['mysql']) =>
  openMysql({ host: vip, port: credentials.port, user: credentials.user, password: credentials.password, connectTimeout: CONNECT_TIMEOUT_MS });

// Creates the probe table through the VIP (so it replicates everywhere).
export const prepareDrillTable = async (vip: string, credentials: TNodeTarget['mysql']): Promise<void> => {
  const conn = await connect(vip, credentials);
  try {
    for (const sql of SETUP) await conn.query({ sql, timeout: 5000 });
    await conn.query({ sql: PRUNE, timeout: 5000 }).catch(() => undefined);
  } finally {
    conn.destroy();
  }
};

const attempt = async (vip: string, credentials: TNodeTarget['mysql'], kind: 'write' | 'read', runId: string, seq: number): Promise<TProbeAttempt> => {
  const t = Date.now();
  let conn: mysql.Connection | undefined;
  try {
    conn = await connect(vip, credentials);
    if (kind === 'write') await conn.query({ sql: `INSERT INTO ${DRILL_TABLE} (run_id, seq, server_id, written_at) VALUES (?, ?, @@server_id, NOW(6))`, values: [runId, seq], timeout: QUERY_TIMEOUT_MS });
    const ackMs = Date.now() - t;
    // Which server answered; for a write, asked after its acknowledgement,
    // so a failure here does not make the write unacknowledged.
    const [rows] = await conn.query<mysql.RowDataPacket[]>({ sql: 'SELECT @@server_id AS id', timeout: QUERY_TIMEOUT_MS }).catch(() => [[]] as [mysql.RowDataPacket[]]);
    const id = rows[0]?.id;
    return { kind, seq, t, ms: kind === 'write' ? ackMs : Date.now() - t, ok: kind === 'write' || id !== undefined, serverId: id === undefined ? null : Number(id), error: kind === 'read' && id === undefined ? 'no answer' : null };
  } catch (e) {
    return { kind, seq, t, ms: Date.now() - t, ok: false, serverId: null, error: errorOf(e) };
  } finally {
    conn?.destroy();
  }
};

export type TDrillProbe = { stop: () => Promise<void>; attempts: () => TProbeAttempt[]; skipped: () => number };

export const startDrillProbe = (options: { vip: string; credentials: TNodeTarget['mysql']; runId: string; writesPerSecond: number; readsPerSecond: number; maxSeconds: number }): TDrillProbe => {
  const recorded: TProbeAttempt[] = [];
  const inFlight = new Set<Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  let skipped = 0;
  let stopped = false;
  const started = Date.now();

  const schedule = (kind: 'write' | 'read', perSecond: number) => {
    const interval = 1000 / perSecond;
    let seq = 0;
    const tick = () => {
      if (stopped) return;
      if (Date.now() - started > options.maxSeconds * 1000) {
        stopped = true;
        return;
      }
      if (inFlight.size >= MAX_IN_FLIGHT) skipped += 1;
      else {
        const p = attempt(options.vip, options.credentials, kind, options.runId, seq).then((a) => void recorded.push(a));
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
      seq += 1;
      // Against the start, not the last tick, so a slow event loop does not stretch the schedule.
      const timer = setTimeout(tick, Math.max(0, started + seq * interval - Date.now()));
      timer.unref();
      timers.push(timer);
      if (timers.length > 16) timers.splice(0, timers.length - 16);
    };
    tick();
  };
  schedule('write', options.writesPerSecond);
  schedule('read', options.readsPerSecond);

  return {
    stop: async () => {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...inFlight]);
    },
    attempts: () => [...recorded].sort((a, b) => a.t - b.t || a.seq - b.seq),
    skipped: () => skipped,
  };
};
