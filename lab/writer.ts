import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type mysql from 'mysql2/promise';
import { openMysql } from '../agents/mysql-connect';
import { MYSQL_PORT, VIP } from './config';
import { readState } from './state';
import { LabError, sleep } from './sys';

export type TWriteRecord = { seq: number; t: number; ms: number; ack: boolean; node?: string; error?: string };
export type TWriterHeader = { type: 'run'; runId: string; startedAt: number; rate: number; vip: string };

// Writes sequenced rows through the VIP the way a careful application would:
// a new connection per write (so a VIP move is seen at once), 1 s connect
// timeout, and a log line per attempt saying whether it was acknowledged.
const writeOnce = async (password: string, runId: string, seq: number): Promise<TWriteRecord> => {
  const t = Date.now();
  let conn: mysql.Connection | undefined;
  try {
    conn = await openMysql({ host: VIP, port: MYSQL_PORT, user: 'app', password, database: 'app', connectTimeout: 1000 });
    await conn.query({ sql: 'INSERT INTO writes (run_id, seq, written_at) VALUES (?, ?, ?)', values: [runId, seq, t], timeout: 2000 });
    const ack = Date.now();
    const [rows] = await conn.query<mysql.RowDataPacket[]>({ sql: 'SELECT @@hostname AS h', timeout: 1000 }).catch(() => [[]] as [mysql.RowDataPacket[]]);
    return { seq, t, ms: ack - t, ack: true, node: rows[0] ? String(rows[0].h) : undefined };
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : e instanceof Error ? e.message : 'error';
    return { seq, t, ms: Date.now() - t, ack: false, error: code };
  } finally {
    conn?.destroy();
  }
};

// Attempts follow a fixed schedule whatever the answers, as the many
// clients of a real application do: one that waits out a connect timeout
// does not delay the next (which would blur when writes came back by up to
// that timeout). shouldStop ends the run early and cleanly (the log closed
// on a whole line), for a caller that cannot know the duration in advance.
const MAX_IN_FLIGHT = 200;

export const runWriter = async ({ durationS, rate, out, shouldStop }: { durationS: number; rate: number; out: string; shouldStop?: () => boolean }) => {
  const state = readState();
  if (!state) throw new LabError('the lab is not up (labctl up)');
  const runId = `w-${Date.now()}-${randomBytes(3).toString('hex')}`;
  const stream = createWriteStream(out, { flags: 'w' });
  const header: TWriterHeader = { type: 'run', runId, startedAt: Date.now(), rate, vip: VIP };
  stream.write(`${JSON.stringify(header)}\n`);
  const interval = 1000 / rate;
  const start = Date.now();
  const end = start + durationS * 1000;
  const inFlight = new Set<Promise<void>>();
  let seq = 0;
  let acked = 0;
  let written = 0;
  while (Date.now() < end && !shouldStop?.()) {
    const wait = start + seq * interval - Date.now();
    if (wait > 0) await sleep(wait);
    if (inFlight.size < MAX_IN_FLIGHT) {
      const p = writeOnce(state.secrets.app, runId, seq).then((record) => {
        if (record.ack) acked++;
        written++;
        stream.write(`${JSON.stringify(record)}\n`);
      });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    seq++;
  }
  await Promise.allSettled([...inFlight]);
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { runId, writes: written, acked, failed: written - acked, out };
};
