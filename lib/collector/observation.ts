import { NO_HINTS, type TAgentHints, type TSqlSyntax } from '@/agents/collect';
import type { TExecFailure } from '@/agents/exec-error';
import { parseIpAddr } from '@/lib/parsers/ip-addr';
import { parseKeepalivedConf } from '@/lib/parsers/keepalived-conf';
import { parseKeepalivedLog } from '@/lib/parsers/keepalived-log';
import { parseMasterStatus } from '@/lib/parsers/master-status';
import { batchText } from '@/lib/parsers/mysql-batch';
import { ParseError } from '@/lib/parsers/parse-error';
import { parseSlaveStatus } from '@/lib/parsers/slave-status';

export type TSlaveStatus = NonNullable<ReturnType<typeof parseSlaveStatus>>;
export type TMasterStatus = NonNullable<ReturnType<typeof parseMasterStatus>>;
export type TIpAddr = ReturnType<typeof parseIpAddr>;
export type TKeepalivedConf = ReturnType<typeof parseKeepalivedConf>;
export type TKeepalivedEvent = ReturnType<typeof parseKeepalivedLog>['events'][number];

export type TParseProblem = { section: string; message: string };

// One poll of one node, parsed. Every section is parsed on its own: garbage in
// one is recorded in parseErrors and the rest still counts.
export type TNodeObservation = {
  reachable: true;
  // When the request left (the earliest any of it can have been read on the
  // node) and when its answer arrived.
  startedAt: number;
  observedAt: number;
  pollMs: number;
  hostname: string | null;
  clockMs: number | null;
  ipAddr: TIpAddr | null;
  mysql: {
    reachable: boolean;
    error: string | null;
    variables: Record<string, string>;
    replication: TSlaveStatus | null;
    master: TMasterStatus | null;
    heartbeatLagSeconds: number | null;
  };
  // conf is null when it is missing or unchanged since the poll before (confUnchanged).
  keepalived: { running: boolean; pid: number | null; confPath: string | null; conf: TKeepalivedConf | null; confUnchanged: boolean; events: TKeepalivedEvent[] };
  logCursor: string;
  // What the next poll may reuse instead of looking it up again.
  hints: TAgentHints;
  parseErrors: TParseProblem[];
};

export type TNodeUnreachable = { reachable: false; observedAt: number; reason: TExecFailure; error: string };

export type TNodePoll = TNodeObservation | TNodeUnreachable;

export const splitSections = (stdout: string): Map<string, string> => {
  const sections = new Map<string, string>();
  let name: string | undefined;
  let lines: string[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^@@tandem:([a-z-]+)$/.exec(line);
    if (m?.[1]) {
      if (name) sections.set(name, lines.join('\n').replace(/^\n+|\n+$/g, ''));
      name = m[1];
      lines = [];
    } else if (name) lines.push(line);
  }
  if (name) sections.set(name, lines.join('\n').replace(/^\n+|\n+$/g, ''));
  return sections;
};

// A MySQL section: the old agent ended each with "@@tandem-exit:N" (N from
// one client per statement); today's runs one client with --force, so a
// failed statement shows as its "ERROR nnnn" line inside the section.
const ERROR_LINE = /^ERROR \d+/m;
const mysqlSection = (text: string | undefined): { ok: boolean; body: string } => {
  if (text === undefined) return { ok: false, body: 'section missing' };
  const m = /\n?@@tandem-exit:(\d+)\s*$/.exec(text);
  if (m) return { ok: m[1] === '0', body: text.slice(0, m.index) };
  return { ok: !ERROR_LINE.test(text), body: text };
};

// The first of the sections that answered (probe polls ask both spellings).
const firstOk = (...texts: (string | undefined)[]): { ok: boolean; body: string } => {
  const sections = texts.filter((t) => t !== undefined).map(mysqlSection);
  return sections.find((x) => x.ok) ?? sections[0] ?? { ok: false, body: 'section missing' };
};

const isSyntaxError = (text: string | undefined): boolean => /^ERROR 1064\b/m.test(text ?? '');

// The statements the next poll should use: MySQL 8.4 rejects SHOW SLAVE
// STATUS as a syntax error; a server that stopped taking the current
// spelling (an upgrade) is probed again.
const nextSyntax = (s: Map<string, string>, used: TSqlSyntax): TSqlSyntax => {
  if (!s.has('slave-status')) return used;
  if (used === 'probe') return isSyntaxError(s.get('slave-status')) && mysqlSection(s.get('slave-status-alt')).ok ? 'modern' : 'legacy';
  return isSyntaxError(s.get('slave-status')) || isSyntaxError(s.get('master-status')) ? 'probe' : used;
};

const keyValues = (text: string | undefined): Record<string, string> =>
  Object.fromEntries((text ?? '').split('\n').flatMap((l) => {
    const i = l.indexOf('=');
    return i > 0 ? [[l.slice(0, i), l.slice(i + 1)]] : [];
  }));

const clientError = (body: string): string => body.split('\n').map((l) => l.trim()).filter((l) => l && !/^-+$/.test(l)).at(-1) ?? 'no output';

export const parseCollectOutput = (stdout: string, timing: { startedAt: number; finishedAt: number; syntax?: TSqlSyntax }): TNodeObservation => {
  const s = splitSections(stdout);
  const parseErrors: TParseProblem[] = [];
  const attempt = <T>(section: string, fn: () => T): T | null => {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      parseErrors.push({ section, message: e.message });
      return null;
    }
  };

  const meta = keyValues(s.get('meta'));
  // No variables section: the client could not connect, and said why in 'mysql'.
  const vars = s.has('mysql-variables') || !s.has('mysql') ? mysqlSection(s.get('mysql-variables')) : { ok: false, body: s.get('mysql') || 'no answer from the MySQL client' };
  const variables: Record<string, string> = {};
  if (vars.ok) {
    for (const line of vars.body.split('\n')) {
      const tab = line.indexOf('\t');
      // Batch form: MySQL's gtid_executed has a newline after each comma, printed as \n.
      if (tab > 0 && line !== 'variable_name\tvariable_value') variables[line.slice(0, tab).toLowerCase()] = batchText(line.slice(tab + 1));
    }
  }
  const slave = firstOk(s.get('slave-status'), s.get('slave-status-alt'));
  const master = firstOk(s.get('master-status'), s.get('master-status-alt'));
  const hb = mysqlSection(s.get('heartbeat'));
  const hbValue = hb.body.trim().split('\n').at(-1)?.trim() ?? '';
  const hbMicros = hb.ok && hbValue !== '' ? Number(hbValue) : NaN;
  const kv = keyValues(s.get('keepalived'));
  const cursor = keyValues(s.get('cursor'));
  const confText = s.get('keepalived-conf');
  const clock = meta.clock_ms ?? variables.clock_ms;
  const usedSyntax: TSqlSyntax = s.has('slave-status-alt') ? 'probe' : (timing.syntax ?? 'legacy');

  return {
    reachable: true,
    startedAt: timing.startedAt,
    observedAt: timing.finishedAt,
    pollMs: timing.finishedAt - timing.startedAt,
    hostname: meta.hostname || null,
    clockMs: clock && Number.isFinite(Number(clock)) ? Number(clock) : null,
    ipAddr: attempt('ip-addr', () => parseIpAddr(s.get('ip-addr') ?? '')),
    mysql: {
      reachable: vars.ok,
      error: vars.ok ? null : clientError(vars.body),
      variables,
      replication: slave.ok ? attempt('slave-status', () => parseSlaveStatus(slave.body)) : null,
      master: master.ok ? attempt('master-status', () => parseMasterStatus(master.body)) : null,
      heartbeatLagSeconds: Number.isFinite(hbMicros) ? Math.max(0, hbMicros / 1e6) : null,
    },
    keepalived: {
      running: kv.running === 'yes',
      pid: kv.pid ? Number(kv.pid) : null,
      confPath: kv.conf || null,
      conf: confText === '@@tandem-missing' || confText === '@@tandem-unchanged' ? null : attempt('keepalived-conf', () => parseKeepalivedConf(confText ?? '')),
      confUnchanged: confText === '@@tandem-unchanged',
      events: attempt('keepalived-log', () => parseKeepalivedLog(s.get('keepalived-log') ?? ''))?.events ?? [],
    },
    logCursor: cursor.cursor ?? 'none',
    hints: {
      syntax: nextSyntax(s, usedSyntax),
      keepalived: kv.hint || NO_HINTS.keepalived,
      conf: kv.conf ?? '',
      log: kv.log ?? '',
      // A config that failed to parse is asked for again.
      confSig: parseErrors.some((e) => e.section === 'keepalived-conf') ? 'none' : (kv.confsig ?? 'none'),
    },
    parseErrors,
  };
};
