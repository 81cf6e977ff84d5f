import type mysql from 'mysql2/promise';
import { credentialsHeredoc } from './client-credentials';
import { ExecError } from './exec-error';
import { openMysql } from './mysql-connect';
import type { TNodeTarget } from './node-target';
import { runOnNode } from './run-on-node';
import type { TSshPool } from './ssh-pool';

// Every call on the action shell sends the same prelude: the pool opens a
// fresh shell (an sshd session, up to a second on a loaded host) whenever
// the prelude changes.
// What actions run on a node: SQL through the node's own MySQL client (the
// credentials on fd 3 from a quoted here-document, the statements on stdin,
// neither on a command line), and small file writes for keepalived's track
// file. All on the node's 'action' shell, so an action never queues behind
// a poll. Every call has a timeout; the statements bound themselves too
// (lock_wait_timeout, max_statement_time, wait functions' own timeouts).

export class SqlError extends Error {
  readonly errno: number | null;
  readonly node: string;
  constructor(node: string, errno: number | null, message: string) {
    super(message);
    this.name = 'SqlError';
    this.node = node;
    this.errno = errno;
  }
}

export const isSqlError = (e: unknown): e is SqlError => e instanceof SqlError;

const preludes = new WeakMap<TNodeTarget, string>();

const preludeOf = (target: TNodeTarget): string => {
  const known = preludes.get(target);
  if (known !== undefined) return known;
  const cnf = credentialsHeredoc(target, 'sql');
  // The output form spelled out, as the poll does (agents/collect.ts): a
  // node's option file with raw, vertical or table would change the rows.
  const prelude = `tandem_action_sql() {\n"$1" --defaults-extra-file=/dev/fd/3 --protocol=tcp -h 127.0.0.1 -P "$2" --connect-timeout=3 --batch --skip-column-names --skip-raw --skip-vertical --skip-table 3<<'${cnf.delimiter}'\n${cnf.body}\n}`;
  preludes.set(target, prelude);
  return prelude;
};

// $1 port, $2 the statements.
const SQL_SH = `client=""
for c in mariadb mysql; do
  if command -v "$c" >/dev/null 2>&1; then client="$c"; break; fi
done
if [ -z "$client" ]; then echo "ERROR: no mariadb or mysql client on this node" >&2; exit 127; fi
printf '%s\\n' "$2" | tandem_action_sql "$client" "$1"`;

const ERROR_RE = /ERROR (\d+) \(\w+\)(?: at line \d+)?: (.*)/;

// Runs statements in one client session; the rows of every statement that
// returns any, tab-separated (NULL prints as "NULL"). A failing statement
// stops the session: SqlError with the server's error number.
export const runSql = async (pool: TSshPool, target: TNodeTarget, sql: string, timeoutMs: number): Promise<string[][]> => {
  const r = await runOnNode(pool, target, SQL_SH, [String(target.mysql.port), sql], { kind: 'action', prelude: preludeOf(target), timeoutMs });
  if (r.code !== 0) {
    const m = ERROR_RE.exec(r.stderr);
    throw new SqlError(target.name, m ? Number(m[1]) : null, m ? `${m[2] ?? ''}`.trim() : (r.stderr || r.stdout).trim().split('\n').slice(-2).join(' | ') || `mysql client exit ${r.code}`);
  }
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));
};

// Any other script on the action shell, with the same prelude, so it reuses
// the shell SQL calls keep open instead of opening a new one.
export const runActionScript = (pool: TSshPool, target: TNodeTarget, script: string, args: readonly string[], timeoutMs: number) =>
  runOnNode(pool, target, script, args, { kind: 'action', prelude: preludeOf(target), timeoutMs });

// Writes VALUE to keepalived's track file (keepalived re-reads it when the
// writer closes it) and reads it back.
const WRITE_TRACK_SH = `printf '%s\\n' "$2" > "$1" && cat "$1"`;
const READ_TRACK_SH = `if [ -e "$1" ]; then cat "$1"; else echo "@@tandem-missing"; fi`;

export const writeTrackFile = async (pool: TSshPool, target: TNodeTarget, file: string, value: number, timeoutMs = 3000): Promise<string> => {
  const r = await runOnNode(pool, target, WRITE_TRACK_SH, [file, String(value)], { kind: 'action', prelude: preludeOf(target), timeoutMs });
  if (r.code !== 0) throw new ExecError({ node: target.name, command: `write ${file}`, reason: 'exit', exitCode: r.code, message: `cannot write ${file} on ${target.name}: ${r.stderr.trim() || `exit ${r.code}`}` });
  return r.stdout.trim();
};

// The file's value, or null when it does not exist (keepalived reads 0).
export const readTrackFile = async (pool: TSshPool, target: TNodeTarget, file: string, timeoutMs = 3000): Promise<string | null> => {
  const r = await runOnNode(pool, target, READ_TRACK_SH, [file], { kind: 'action', prelude: preludeOf(target), timeoutMs });
  if (r.code !== 0) throw new ExecError({ node: target.name, command: `read ${file}`, reason: 'exit', exitCode: r.code, message: `cannot read ${file} on ${target.name}: ${r.stderr.trim() || `exit ${r.code}`}` });
  const v = r.stdout.trim();
  return v === '@@tandem-missing' ? null : v;
};

// The node's addresses now (ip -o addr show), on the action shell.
export const addressesOn = async (pool: TSshPool, target: TNodeTarget, timeoutMs = 2000): Promise<string> => (await runOnNode(pool, target, 'exec ip -o addr show', [], { kind: 'action', prelude: preludeOf(target), timeoutMs })).stdout;

// One write through the VIP as the application would make it (the probe
// credential, a fresh connection): which server took it, or why not.
export type TProbeWrite = { ok: true; serverId: number; ms: number } | { ok: false; error: string; errno: number | null; ms: number };

export const probeWrite = async (options: { vip: string; credentials: TNodeTarget['mysql']; timeoutMs: number }): Promise<TProbeWrite> => {
  const t = Date.now();
  let conn: mysql.Connection | undefined;
  try {
    conn = await openMysql({ host: options.vip, port: options.credentials.port, user: options.credentials.user, password: options.credentials.password, connectTimeout: options.timeoutMs });
    await conn.query({ sql: 'CREATE TABLE IF NOT EXISTS tandem.heartbeat (id INT PRIMARY KEY, ts DATETIME(6) NOT NULL, server_id INT UNSIGNED NOT NULL) ENGINE=InnoDB', timeout: options.timeoutMs });
    await conn.query({ sql: 'REPLACE INTO tandem.heartbeat (id, ts, server_id) VALUES (?, NOW(6), @@server_id)', values: [1], timeout: options.timeoutMs });
    const [rows] = await conn.query<mysql.RowDataPacket[]>({ sql: 'SELECT @@server_id AS id', timeout: options.timeoutMs });
    return { ok: true, serverId: Number(rows[0]?.id), ms: Date.now() - t };
  } catch (e) {
    const errno = e instanceof Error && 'errno' in e && typeof e.errno === 'number' ? e.errno : null;
    return { ok: false, error: e instanceof Error ? e.message : String(e), errno, ms: Date.now() - t };
  } finally {
    conn?.destroy();
  }
};
