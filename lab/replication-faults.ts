import { randomBytes } from 'node:crypto';
import type mysql from 'mysql2/promise';
import { peerOf, type TNodeName } from './config';
import { connectNode, isMysqlUp, query } from './mariadb';
import { slaveStatus, type TSlaveStatus } from './replication';
import { readState } from './state';
import { LabError, waitFor } from './sys';

// Faults that break NODE's replication with a real server error, each made
// the way it happens in production (a write that bypassed replication, a
// password changed on one side) and each verified in SHOW SLAVE STATUS
// before it returns, within a bound.

export const sourceOf = (node: TNodeName): TNodeName => (node === 'node3' ? 'node1' : peerOf(node));

// How long a fault waits for the server to report the error it provoked.
const ERROR_WAIT_MS = 20_000;

const tag = (): string => randomBytes(3).toString('hex');

// Statements on one connection with sql_log_bin=0: they change NODE only and
// never reach its peer through replication (nor leave a GTID behind).
export const unlogged = async <T>(node: TNodeName, fn: (conn: mysql.Connection) => Promise<T>): Promise<T> => {
  const conn = await connectNode(node);
  try {
    await conn.query('SET SESSION sql_log_bin = 0');
    return await fn(conn);
  } finally {
    await conn.end();
  }
};

const describeStatus = (s: TSlaveStatus | undefined): string =>
  s ? `IO ${String(s.Slave_IO_Running)}, SQL ${String(s.Slave_SQL_Running)}${Number(s.Last_IO_Errno) ? `, IO error ${String(s.Last_IO_Errno)}` : ''}${Number(s.Last_SQL_Errno) ? `, SQL error ${String(s.Last_SQL_Errno)}` : ''}` : 'not a replica';

// Both servers answer and NODE replicates cleanly from its source: a fault
// on top of an already broken link would report the old error as its own.
export const requireHealthyLink = async (node: TNodeName): Promise<{ source: TNodeName; status: TSlaveStatus }> => {
  const source = sourceOf(node);
  for (const n of [node, source]) if (!(await isMysqlUp(n))) throw new LabError(`mariadbd on ${n} does not answer; start it first (fault start-mysqld ${n})`);
  const status = await slaveStatus(node);
  if (!status || status.Slave_IO_Running !== 'Yes' || status.Slave_SQL_Running !== 'Yes') {
    throw new LabError(`replication on ${node} is not running cleanly (${describeStatus(status)}); repair it first`);
  }
  return { source, status };
};

// Waits for NODE's replication to report ERRNO on THREAD; the error text.
const waitForError = async (node: TNodeName, thread: 'io' | 'sql', errno: number): Promise<string> => {
  const [errnoField, errorField] = thread === 'io' ? ['Last_IO_Errno', 'Last_IO_Error'] : ['Last_SQL_Errno', 'Last_SQL_Error'];
  let last: TSlaveStatus | undefined;
  try {
    await waitFor(`error ${errno} on ${node}'s ${thread.toUpperCase()} thread`, async () => {
      last = await slaveStatus(node);
      return Number(last?.[errnoField]) === errno;
    }, ERROR_WAIT_MS, 200);
  } catch (e) {
    throw new LabError(`${e instanceof Error ? e.message : String(e)} (last seen: ${describeStatus(last)})`);
  }
  return String(last?.[errorField] ?? '');
};

// The id the next conflicting row takes: above everything either node has,
// so neither holds it yet (explicit ids also move auto_increment past it).
const freshId = async (a: TNodeName, b: TNodeName): Promise<number> => {
  let max = 0;
  for (const n of [a, b]) {
    const [row] = await query<{ m: number | null }[]>(n, 'SELECT MAX(id) AS m FROM app.filler');
    max = Math.max(max, Number(row?.m ?? 0));
  }
  return max + 1000 + Math.floor(Math.random() * 1000);
};

// STOP SLAVE (or one thread) by hand: no error, just a stopped thread.
export const stopReplication = async (node: TNodeName, arg: string | undefined): Promise<string> => {
  if (arg !== undefined && arg !== 'io' && arg !== 'sql') throw new LabError('stop-replication takes io or sql (or nothing for both threads)');
  await requireHealthyLink(node);
  await query(node, arg === 'io' ? 'STOP SLAVE IO_THREAD' : arg === 'sql' ? 'STOP SLAVE SQL_THREAD' : 'STOP SLAVE');
  const s = await slaveStatus(node);
  const io = String(s?.Slave_IO_Running);
  const sql = String(s?.Slave_SQL_Running);
  const expected = arg === 'io' ? io === 'No' && sql === 'Yes' : arg === 'sql' ? io === 'Yes' && sql === 'No' : io === 'No' && sql === 'No';
  if (!expected) throw new LabError(`STOP SLAVE on ${node} left ${describeStatus(s)}`);
  return `${node}: ${arg === undefined ? 'both replication threads' : `the ${arg.toUpperCase()} thread`} stopped by hand (no error)`;
};

// Error 1062: NODE gets a row its source never sees (sql_log_bin=0), then the
// source inserts another row under the same primary key and it replicates.
export const conflict = async (node: TNodeName): Promise<string> => {
  const { source } = await requireHealthyLink(node);
  const id = await freshId(node, source);
  const t = tag();
  await unlogged(node, (c) => c.query('INSERT INTO app.filler (id, note, at) VALUES (?, ?, ?)', [id, `conflict-${node}-${t}`, 1]));
  try {
    await query(source, 'INSERT INTO app.filler (id, note, at) VALUES (?, ?, ?)', [id, `conflict-${source}-${t}`, 2]);
  } catch (e) {
    await unlogged(node, (c) => c.query('DELETE FROM app.filler WHERE id = ?', [id]));
    throw e;
  }
  const error = await waitForError(node, 'sql', 1062);
  return `${node}: SQL thread stopped with error 1062 on app.filler id=${id} (${node} has note=conflict-${node}-${t}, ${source} has note=conflict-${source}-${t}): ${error}`;
};

// Error 1032: a row both nodes have is deleted on NODE alone, then updated on
// the source; the update's before-image is not found on NODE.
export const missingRow = async (node: TNodeName): Promise<string> => {
  const { source } = await requireHealthyLink(node);
  const note = `missing-${tag()}`;
  const inserted = await query<mysql.ResultSetHeader>(source, 'INSERT INTO app.filler (note, at) VALUES (?, ?)', [note, Date.now()]);
  const id = inserted.insertId;
  await waitFor(`row id=${id} to reach ${node}`, async () => (await query<{ c: number }[]>(node, 'SELECT COUNT(*) AS c FROM app.filler WHERE id = ?', [id]))[0]?.c === 1, ERROR_WAIT_MS, 100);
  const [row] = await query<{ id: number; note: string; at: number }[]>(node, 'SELECT id, note, at FROM app.filler WHERE id = ?', [id]);
  await unlogged(node, (c) => c.query('DELETE FROM app.filler WHERE id = ?', [id]));
  try {
    await query(source, 'UPDATE app.filler SET note = ? WHERE id = ?', [`${note}-updated`, id]);
  } catch (e) {
    if (row) await unlogged(node, (c) => c.query('INSERT INTO app.filler (id, note, at) VALUES (?, ?, ?)', [row.id, row.note, row.at]));
    throw e;
  }
  const error = await waitForError(node, 'sql', 1032);
  return `${node}: SQL thread stopped with error 1032 on app.filler id=${id} (deleted on ${node} only, then updated on ${source}): ${error}`;
};

const REPL_ACCOUNT = "'repl'@'198.18.0.%'";

// Error 1045: the replication user's password changes on the source only
// (sql_log_bin=0, as a rotation done on one node would), and NODE's IO thread
// reconnects with the old one.
export const breakGrant = async (node: TNodeName): Promise<string> => {
  const { source } = await requireHealthyLink(node);
  await unlogged(source, (c) => c.query(`ALTER USER ${REPL_ACCOUNT} IDENTIFIED BY ?`, [`rotated-${randomBytes(9).toString('base64url')}`]));
  await query(node, 'STOP SLAVE IO_THREAD');
  await query(node, 'START SLAVE IO_THREAD');
  const error = await waitForError(node, 'io', 1045);
  return `${node}: IO thread cannot log in to ${source} (error 1045; repl's password changed on ${source} only): ${error}`;
};

// Puts the lab's replication password back on NODE's source. The IO thread
// retries every second (MASTER_CONNECT_RETRY=1), so it reconnects by itself.
export const fixGrant = async (node: TNodeName): Promise<string> => {
  const state = readState();
  if (!state) throw new LabError('the lab is not up (labctl up)');
  const source = sourceOf(node);
  if (!(await isMysqlUp(source))) throw new LabError(`mariadbd on ${source} does not answer; start it first (fault start-mysqld ${source})`);
  await unlogged(source, async (c) => {
    await c.query(`ALTER USER ${REPL_ACCOUNT} IDENTIFIED BY ?`, [state.secrets.repl]);
    // Refused logins count toward max_connect_errors; a blocked host would
    // keep NODE out even with the right password.
    await c.query('FLUSH HOSTS');
  });
  return `${source}: repl's password is the lab's again; ${node}'s IO thread can reconnect`;
};

// A silent difference: one existing row of app.filler changed on NODE only
// (sql_log_bin=0). Replication keeps running; only a checksum finds it.
export const plantDrift = async (node: TNodeName, arg: string | undefined): Promise<string> => {
  const peer = sourceOf(node);
  for (const n of [node, peer]) if (!(await isMysqlUp(n))) throw new LabError(`mariadbd on ${n} does not answer; start it first (fault start-mysqld ${n})`);
  let id: number;
  if (arg !== undefined) {
    if (!/^[1-9]\d{0,17}$/.test(arg)) throw new LabError('plant-drift takes an app.filler id (a positive integer), or nothing to pick one');
    id = Number(arg);
  } else {
    // A row in the middle of the table, so a chunked checksum has rows on both sides of it.
    const [count] = await query<{ c: number }[]>(node, 'SELECT COUNT(*) AS c FROM app.filler');
    const n = Number(count?.c ?? 0);
    if (n === 0) throw new LabError(`app.filler on ${node} has no rows to change`);
    const [row] = await query<{ id: number }[]>(node, 'SELECT id FROM app.filler ORDER BY id LIMIT 1 OFFSET ?', [Math.floor(n / 2)]);
    id = Number(row?.id);
  }
  const [before] = await query<{ note: string | null }[]>(peer, 'SELECT note FROM app.filler WHERE id = ?', [id]);
  if (!before) throw new LabError(`app.filler has no row id=${id} on ${peer}`);
  const changed = await unlogged(node, (c) => c.query<mysql.ResultSetHeader>("UPDATE app.filler SET note = CONCAT(COALESCE(note, ''), '-drift') WHERE id = ?", [id]));
  if (changed[0].affectedRows !== 1) throw new LabError(`app.filler has no row id=${id} on ${node}`);
  return `${node}: app.filler id=${id} changed on ${node} only (note now ends in -drift; ${peer} still has ${JSON.stringify(before.note)})`;
};
