import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ExecError } from './exec-error';
import type { TNodeTarget } from './node-target';
import { runOnNode } from './run-on-node';
import type { TSshPool } from './ssh-pool';

const script = (name: string) => readFileSync(path.join(process.cwd(), 'agents', name), 'utf8');
const COLLECT_SH = `${script('keepalived-lib.sh')}\n${script('collect.sh')}`;
export const TAIL_LOG_SH = `${script('keepalived-lib.sh')}\n${script('tail-log.sh')}`;

// MySQL option-file quoting: a value in double (or single) quotes with
// backslashes doubled. A password holding both quote kinds or a line break
// cannot be written safely, and is refused rather than mangled.
export const optionValue = (value: string): string => {
  if (/[\r\n\0]/.test(value)) throw new Error('contains a line break or NUL, which an option file cannot carry');
  const escaped = value.replace(/\\/g, '\\\\');
  if (!value.includes('"')) return `"${escaped}"`;
  if (!value.includes("'")) return `'${escaped}'`;
  throw new Error('contains both kinds of quote, which an option file cannot carry');
};

// Defined once per kept shell: tandem_collect (collect.sh as a function) and
// tandem_cnf, which prints the credentials from a quoted here-document:
// literal text, never expanded, never on a command line. The delimiter is
// derived from the content, so the same credentials reuse the same shell.
export const buildCollectPrelude = (target: TNodeTarget): string => {
  const delimiter = `TANDEM_CNF_${createHash('sha256').update(`${target.mysql.user}\0${target.mysql.password}`).digest('hex').slice(0, 16)}`;
  let user: string;
  let password: string;
  try {
    user = optionValue(target.mysql.user);
    password = optionValue(target.mysql.password);
  } catch (e) {
    throw new ExecError({ node: target.name, command: 'collect', reason: 'channel', message: `the MySQL credentials of ${target.name} ${e instanceof Error ? e.message : ''}` });
  }
  return `tandem_cnf() {\ncat <<'${delimiter}'\n[client]\nuser=${user}\npassword=${password}\n${delimiter}\n}\ntandem_collect() {\n${COLLECT_SH}\n}`;
};

const CURSOR_RE = /^(none|file:\d+:\d+|journal:[A-Za-z0-9=;_-]+)$/;

export type TRawCollection = { stdout: string; startedAt: number; finishedAt: number };

// One poll = one SSH exec on the node's persistent connection.
export const collectNode = async (options: { pool: TSshPool; target: TNodeTarget; cursor: string; timeoutMs?: number }): Promise<TRawCollection> => {
  const { pool, target } = options;
  const cursor = CURSOR_RE.test(options.cursor) ? options.cursor : 'none';
  const startedAt = Date.now();
  const r = await runOnNode(pool, target, 'tandem_collect "$@"', [String(target.mysql.port), cursor], { timeoutMs: options.timeoutMs, prelude: buildCollectPrelude(target) });
  if (!r.stdout.includes('@@tandem:end')) {
    throw new ExecError({ node: target.name, command: 'collect.sh', reason: 'exit', exitCode: r.code, message: `collect.sh on ${target.name} ended early (exit ${r.code}): ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' | ')}` });
  }
  return { stdout: r.stdout, startedAt, finishedAt: Date.now() };
};
