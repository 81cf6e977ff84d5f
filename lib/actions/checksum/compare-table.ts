import { isSqlError } from '@/agents/action-sql';
import { StepFailure } from '../types';
import { bounded, boundaryQuery, chunkQuery, describeKey, quoteString, SNAPSHOT_SQL, type TChunkBounds, type TKeyValue, type TTableSpec } from './chunk-sql';
import { CHUNK_ROWS, chunkBoundSeconds, cutChunkRows, nextChunkRows } from './chunk-size';
import { sameGtidPosition } from './gtid-position';

// One node as the drift check uses it: statements in one client session.
export type TSide = { name: string; run: (sql: string, timeoutMs: number) => Promise<string[][]> };

// How the replica can be held at the writer's snapshot for a chunk that
// differs while both moved: by binlog coordinates (positional replication)
// or by GTID; null when Tandem may not stop its SQL thread.
export type TPinMode = 'positional' | 'gtid' | null;

export type TCompareOptions = {
  // Time a chunk should take on the writer; the chunk size follows it.
  chunkTimeMs: number;
  pin: TPinMode;
  log: (line: string) => void;
  aborted: () => boolean;
};

export type TChunkOutcome = { lower: string | null; upper: string | null; counts: [number, number]; equal: boolean; settled: boolean; pinned: boolean; gtid: string };
export type TTableOutcome = { schema: string; table: string; rows: [number, number]; equal: boolean; chunks: number; pinned: number; differingChunks: { lower: string | null; upper: string | null; counts: [number, number] }[]; unsettledChunks: { lower: string | null; upper: string | null }[]; lastGtid: string | null; problem: string | null };

type TSnap = { file: string; pos: string; gtid: string };
type TChunkRead = TSnap & { count: number; crc: string; tookUs: number; next: TKeyValue | null; sawNext: boolean; slavePos: string | null };

// ER_STATEMENT_TIMEOUT: the chunk took longer than its bound.
const STATEMENT_TIMEOUT = 1969;

const readChunk = (rows: string[][]): TChunkRead => {
  const out: TChunkRead = { file: '', pos: '', gtid: '', count: -1, crc: '', tookUs: 0, next: null, sawNext: false, slavePos: null };
  for (const r of rows) {
    if (r[0] === 'snap') [out.file, out.pos, out.gtid] = [r[1] ?? '', r[2] ?? '', r[3] ?? ''];
    else if (r[0] === 'chunk') [out.count, out.crc] = [Number(r[1]), r[2] ?? ''];
    else if (r[0] === 'took') out.tookUs = Number(r[1]) || 0;
    else if (r[0] === 'slavepos') out.slavePos = r[1] ?? null;
    else if (r[0] === 'next') [out.next, out.sawNext] = [r.slice(1), true];
  }
  if (out.count < 0) throw new StepFailure('the chunk query returned no result');
  return out;
};

export const compareTable = async (spec: TTableSpec, sides: [TSide, TSide], options: TCompareOptions): Promise<TTableOutcome> => {
  const [writer, replica] = sides;
  const outcome: TTableOutcome = { schema: spec.schema, table: spec.table, rows: [0, 0], equal: true, chunks: 0, pinned: 0, differingChunks: [], unsettledChunks: [], lastGtid: null, problem: null };
  const chunkSeconds = chunkBoundSeconds(options.chunkTimeMs);
  const chunkSql = (b: TChunkBounds) => bounded(chunkSeconds, chunkQuery(spec, b));
  // A keyless table cannot be cut: one chunk, with a longer bound.
  const keyless = spec.key.length === 0;
  const wholeSql = bounded(300, chunkQuery(spec, { lower: null, upper: null }));
  const timeoutMs = (keyless ? 300 : chunkSeconds) * 1000 + 15_000;

  // On the writer: its snapshot, the chunk, how long the chunk took, and
  // (looking ahead, inside the same snapshot) where the next chunk ends.
  const readWriter = async (b: TChunkBounds, nextRows: number | null): Promise<TChunkRead> => {
    const lookAhead = nextRows !== null && b.upper !== null ? `\n${boundaryQuery(spec, b.upper, nextRows)};` : '';
    return readChunk(await writer.run(`${SNAPSHOT_SQL}\nSET @tandem_t0 = SYSDATE(6);\n${keyless ? wholeSql : chunkSql(b)};\nSELECT 'took', TIMESTAMPDIFF(MICROSECOND, @tandem_t0, SYSDATE(6));${lookAhead}\nCOMMIT;`, timeoutMs));
  };
  // On the replica: wait (bounded) until it has applied the writer's
  // snapshot, then take its own and read the same chunk.
  const readReplica = async (b: TChunkBounds, gtid: string): Promise<TChunkRead> =>
    readChunk(await replica.run(`SELECT 'wait', MASTER_GTID_WAIT(${quoteString(gtid)}, 10);\n${SNAPSHOT_SQL}\n${keyless ? wholeSql : chunkSql(b)};\nCOMMIT;`, timeoutMs + 10_000));

  // Both nodes at exactly one point: the replica's SQL thread stops, the
  // writer takes its snapshot, the replica applies up to that snapshot and
  // reads there, and its SQL thread starts again whatever happened.
  const pinned = async (b: TChunkBounds): Promise<{ a: TChunkRead; b: TChunkRead } | null> => {
    if (options.pin === null) return null;
    await replica.run(options.pin === 'gtid' ? 'STOP SLAVE;' : 'STOP SLAVE SQL_THREAD;', 15_000);
    try {
      const a = await readWriter(b, null);
      if (!/^\d+$/.test(a.pos)) throw new StepFailure(`the writer reported no binlog position (${JSON.stringify(a.pos)})`);
      const until = options.pin === 'gtid' ? `START SLAVE UNTIL master_gtid_pos = ${quoteString(a.gtid)};` : `START SLAVE SQL_THREAD UNTIL MASTER_LOG_FILE = ${quoteString(a.file)}, MASTER_LOG_POS = ${a.pos};`;
      // With its SQL thread stopped at the point, the replica's applied
      // position (gtid_slave_pos) no longer moves and names that point even
      // where its own binlog lacks events it never applied (a skip).
      const r = readChunk(await replica.run(`${until}\nSELECT 'wait', MASTER_GTID_WAIT(${quoteString(a.gtid)}, 10);\n${SNAPSHOT_SQL}\n${keyless ? wholeSql : chunkSql(b)};\nSELECT 'slavepos', @@global.gtid_slave_pos;\nCOMMIT;`, timeoutMs + 10_000));
      return { a, b: r };
    } finally {
      // Stop first: a SQL thread still running under UNTIL would stop later
      // at that point and stay stopped; a plain START clears the condition.
      await replica.run(options.pin === 'gtid' ? 'STOP SLAVE;\nSTART SLAVE;' : 'STOP SLAVE SQL_THREAD;\nSTART SLAVE;', 15_000);
    }
  };

  let rows: number = CHUNK_ROWS.first;
  const upperAfter = async (lower: TKeyValue | null): Promise<TKeyValue | null> => {
    const found = (await writer.run(`${boundaryQuery(spec, lower, rows)};`, 30_000)).find((r) => r[0] === 'next');
    return found ? found.slice(1) : null;
  };
  // A chunk that outruns its bound is cut smaller and read again.
  const readWriterAdaptive = async (b: TChunkBounds): Promise<{ read: TChunkRead; bounds: TChunkBounds }> => {
    let current = b;
    for (;;) {
      try {
        return { read: await readWriter(current, current.upper ? rows : null), bounds: current };
      } catch (e) {
        const cut = isSqlError(e) && e.errno === STATEMENT_TIMEOUT && !keyless ? cutChunkRows(rows) : null;
        if (cut === null) throw e;
        rows = cut;
        options.log(`${spec.schema}.${spec.table}: a chunk took over ${chunkSeconds} s; cut to ${rows} rows`);
        current = { lower: current.lower, upper: await upperAfter(current.lower) };
      }
    }
  };

  let bounds: TChunkBounds = { lower: null, upper: keyless ? null : await upperAfter(null) };
  let a: TChunkRead;
  ({ read: a, bounds } = await readWriterAdaptive(bounds));

  for (;;) {
    if (options.aborted()) throw new StepFailure('aborted by request');
    const last = bounds.upper === null;
    // Adapt the size of the chunk after next to this chunk's time.
    rows = nextChunkRows({ rows, count: a.count, tookUs: a.tookUs, chunkTimeMs: options.chunkTimeMs });
    const nextBounds: TChunkBounds = { lower: bounds.upper, upper: a.sawNext ? a.next : null };
    const [r, aNext] = await Promise.all([readReplica(bounds, a.gtid), last ? Promise.resolve(null) : readWriterAdaptive(nextBounds)]);
    let counts: [number, number] = [a.count, r.count];
    let equal = a.count === r.count && a.crc === r.crc;
    let settled = sameGtidPosition(a.gtid, r.gtid);
    let gtid = a.gtid;
    let wasPinned = false;
    // Equal sums at two nearby points are equal data: a write between them
    // would have to recreate the other node's difference exactly. A
    // difference counts only when both nodes stood at the same point.
    if (!equal && !settled) {
      const p = await pinned(bounds);
      wasPinned = p !== null;
      if (p) {
        counts = [p.a.count, p.b.count];
        equal = p.a.count === p.b.count && p.a.crc === p.b.crc;
        settled = sameGtidPosition(p.a.gtid, p.b.gtid) || (p.b.slavePos !== null && sameGtidPosition(p.a.gtid, p.b.slavePos));
        gtid = p.a.gtid;
      }
    }
    outcome.chunks++;
    if (wasPinned) outcome.pinned++;
    outcome.rows[0] += counts[0];
    outcome.rows[1] += counts[1];
    outcome.lastGtid = gtid;
    const range = { lower: describeKey(spec.key, bounds.lower), upper: describeKey(spec.key, bounds.upper) };
    if (!equal && settled) outcome.differingChunks.push({ ...range, counts });
    else if (!equal) outcome.unsettledChunks.push(range);
    if (last || !aNext) break;
    ({ read: a, bounds } = aNext);
  }
  outcome.equal = outcome.differingChunks.length === 0 && outcome.unsettledChunks.length === 0;
  options.log(`${spec.schema}.${spec.table}: ${outcome.chunks} chunk(s), ${outcome.rows[0]}/${outcome.rows[1]} rows, ${outcome.equal ? 'equal' : `${outcome.differingChunks.length} differing, ${outcome.unsettledChunks.length} unsettled`}${outcome.pinned ? ` (${outcome.pinned} read with the replica held)` : ''}`);
  return outcome;
};
