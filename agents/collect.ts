import { readFileSync } from 'node:fs';
import path from 'node:path';
import { credentialsHeredoc } from './client-credentials';
import { ExecError } from './exec-error';
import type { TNodeTarget } from './node-target';
import { runOnNode } from './run-on-node';
import type { TSshPool } from './ssh-pool';

const script = (name: string) => readFileSync(path.join(process.cwd(), 'agents', name), 'utf8');
const COLLECT_SH = `${script('keepalived-lib.sh')}\n${script('collect.sh')}`;
export const TAIL_LOG_SH = `${script('keepalived-lib.sh')}\n${script('tail-log.sh')}`;

const VARIABLES = ['SERVER_ID', 'READ_ONLY', 'SUPER_READ_ONLY', 'LOG_BIN', 'LOG_SLAVE_UPDATES', 'LOG_REPLICA_UPDATES', 'BINLOG_FORMAT', 'BINLOG_CHECKSUM', 'SYNC_BINLOG', 'INNODB_FLUSH_LOG_AT_TRX_COMMIT', 'AUTO_INCREMENT_INCREMENT', 'AUTO_INCREMENT_OFFSET', 'SLAVE_SKIP_ERRORS', 'REPLICA_SKIP_ERRORS', 'GTID_MODE', 'ENFORCE_GTID_CONSISTENCY', 'GTID_EXECUTED', 'GTID_PURGED', 'GTID_BINLOG_POS', 'GTID_BINLOG_STATE', 'GTID_SLAVE_POS', 'GTID_CURRENT_POS', 'GTID_STRICT_MODE', 'GTID_DOMAIN_ID', 'SERVER_UUID'];

// Which statements show replication and binary log status: MariaDB and
// MySQL up to 8.3 take SHOW SLAVE/MASTER STATUS; MySQL 8.4 only SHOW
// REPLICA / BINARY LOG STATUS. The first poll tries both ('probe'); later
// polls use what worked.
// They print in the client's batch form (a header line and one tab-separated
// line per channel, newlines and tabs in values escaped), not \G: the
// vertical form was half of a poll's reply (each of some 60 columns on its own
// padded line) and the most expensive section to read back.
export type TSqlSyntax = 'probe' | 'legacy' | 'modern';

const marker = (name: string) => `SELECT '' AS '@@tandem:${name}';`;

const statementsFor = (syntax: TSqlSyntax): string => {
  const status = {
    legacy: [marker('slave-status'), 'SHOW SLAVE STATUS;', marker('master-status'), 'SHOW MASTER STATUS;'],
    modern: [marker('slave-status'), 'SHOW REPLICA STATUS;', marker('master-status'), 'SHOW BINARY LOG STATUS;'],
    probe: [marker('slave-status'), 'SHOW SLAVE STATUS;', marker('slave-status-alt'), 'SHOW REPLICA STATUS;', marker('master-status'), 'SHOW MASTER STATUS;', marker('master-status-alt'), 'SHOW BINARY LOG STATUS;'],
  }[syntax];
  return [
    marker('mysql-variables'),
    `SELECT 'version' AS variable_name, VERSION() AS variable_value UNION ALL SELECT 'version_comment', @@version_comment UNION ALL SELECT 'clock_ms', ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000) UNION ALL SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES WHERE VARIABLE_NAME IN (${VARIABLES.map((v) => `'${v}'`).join(',')});`,
    ...status,
    marker('heartbeat'),
    'SELECT TIMESTAMPDIFF(MICROSECOND, ts, NOW(6)) AS heartbeat_us FROM tandem.heartbeat WHERE id = 1;',
    marker('mysql-end'),
  ].join('\n');
};

// Defined once per kept shell: tandem_collect (collect.sh as a function) and
// tandem_sql SYNTAX CLIENT PORT, which runs one MySQL client for the whole
// poll: the credentials on fd 3 and the statements on stdin, both quoted
// here-documents (literal text, never expanded, never on a command line,
// written by the shell itself without a helper process). --force goes on
// past a failing statement, whose error lands in its own section. The
// delimiter is derived from the content, so the same credentials reuse the
// same shell. The client still reads the node's option files: the output
// options are spelled out so a [client] section with raw (unescaped values:
// a GTID set's newline would split its row), skip-column-names, vertical or
// table cannot change the form the reader expects.
const OUTPUT_FORM = '--skip-raw --column-names --skip-vertical --skip-table';
const preludes = new WeakMap<TNodeTarget, string>();
const preludeOf = (target: TNodeTarget): string => {
  let p = preludes.get(target);
  if (p === undefined) {
    p = buildCollectPrelude(target);
    preludes.set(target, p);
  }
  return p;
};

export const buildCollectPrelude = (target: TNodeTarget): string => {
  const cnf = credentialsHeredoc(target, 'collect');
  const branch = (syntax: TSqlSyntax) =>
    `  ${syntax}) "$2" --defaults-extra-file=/dev/fd/3 --protocol=tcp -h 127.0.0.1 -P "$3" --connect-timeout=3 --force --unbuffered ${OUTPUT_FORM} 3<<'${cnf.delimiter}' <<'TANDEM_SQL' 2>&1\n${cnf.body}\n${statementsFor(syntax)}\nTANDEM_SQL\n  ;;`;
  return `tandem_sql() {\ncase "$1" in\n${branch('legacy')}\n${branch('modern')}\n${branch('probe')}\nesac\n}\ntandem_collect() {\n${COLLECT_SH}\n}`;
};

const CURSOR_RE = /^(none|skip|file:\d+:\d+|journal:[A-Za-z0-9=;_-]+)$/;

// What a poll learnt about the node that the next poll need not look up
// again: the statement syntax, keepalived's pid, config and log path, and
// the config's signature (sent again only when it changes).
export type TAgentHints = { syntax: TSqlSyntax; keepalived: string; conf: string; log: string; confSig: string };
export const NO_HINTS: TAgentHints = { syntax: 'probe', keepalived: 'none', conf: '', log: '', confSig: 'none' };

// The poll's output is gathered and written once: each echo of the script
// would otherwise leave as its own SSH packet (one per echo and statement), and the
// control plane pays per packet (one fork more on the node).
export const COLLECT_CALL = 'tandem_out=$(tandem_collect "$@"); printf \'%s\\n\' "$tandem_out"';

export type TRawCollection = { stdout: string; startedAt: number; finishedAt: number };

// One poll = one request on the node's kept shell.
export const collectNode = async (options: { pool: TSshPool; target: TNodeTarget; cursor: string; hints?: TAgentHints; timeoutMs?: number }): Promise<TRawCollection> => {
  const { pool, target } = options;
  const cursor = CURSOR_RE.test(options.cursor) ? options.cursor : 'none';
  const h = options.hints ?? NO_HINTS;
  const startedAt = Date.now();
  const r = await runOnNode(pool, target, COLLECT_CALL, [String(target.mysql.port), cursor, h.syntax, h.keepalived, h.conf, h.log, h.confSig], { timeoutMs: options.timeoutMs, prelude: preludeOf(target) });
  if (!r.stdout.includes('@@tandem:end')) {
    throw new ExecError({ node: target.name, command: 'collect.sh', reason: 'exit', exitCode: r.code, message: `collect.sh on ${target.name} ended early (exit ${r.code}): ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' | ')}` });
  }
  return { stdout: r.stdout, startedAt, finishedAt: Date.now() };
};
