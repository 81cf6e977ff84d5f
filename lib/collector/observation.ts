import type { TExecFailure } from '@/agents/exec-error';
import { parseIpAddr } from '@/lib/parsers/ip-addr';
import { parseKeepalivedConf } from '@/lib/parsers/keepalived-conf';
import { parseKeepalivedLog } from '@/lib/parsers/keepalived-log';
import { parseMasterStatus } from '@/lib/parsers/master-status';
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
  keepalived: { running: boolean; pid: number | null; confPath: string | null; conf: TKeepalivedConf | null; events: TKeepalivedEvent[] };
  logCursor: string;
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

// A MySQL section ends with "@@tandem-exit:N"; a non-zero N means the text is
// the client's error, not a result.
const mysqlSection = (text: string | undefined): { ok: boolean; body: string } => {
  if (text === undefined) return { ok: false, body: 'section missing' };
  const m = /\n?@@tandem-exit:(\d+)\s*$/.exec(text);
  const body = m ? text.slice(0, m.index) : text;
  return { ok: m?.[1] === '0', body };
};

const keyValues = (text: string | undefined): Record<string, string> =>
  Object.fromEntries((text ?? '').split('\n').flatMap((l) => {
    const i = l.indexOf('=');
    return i > 0 ? [[l.slice(0, i), l.slice(i + 1)]] : [];
  }));

const clientError = (body: string): string => body.split('\n').map((l) => l.trim()).filter((l) => l && !/^-+$/.test(l)).at(-1) ?? 'no output';

export const parseCollectOutput = (stdout: string, timing: { startedAt: number; finishedAt: number }): TNodeObservation => {
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
  const vars = mysqlSection(s.get('mysql-variables'));
  const variables: Record<string, string> = {};
  if (vars.ok) {
    for (const line of vars.body.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) variables[line.slice(0, tab).toLowerCase()] = line.slice(tab + 1);
    }
  }
  const slave = mysqlSection(s.get('slave-status'));
  const master = mysqlSection(s.get('master-status'));
  const hb = mysqlSection(s.get('heartbeat'));
  const hbMicros = hb.ok ? Number(hb.body.trim()) : NaN;
  const kv = keyValues(s.get('keepalived'));
  const cursor = keyValues(s.get('cursor'));

  return {
    reachable: true,
    observedAt: timing.finishedAt,
    pollMs: timing.finishedAt - timing.startedAt,
    hostname: meta.hostname || null,
    clockMs: Number.isFinite(Number(meta.clock_ms)) && meta.clock_ms ? Number(meta.clock_ms) : null,
    ipAddr: attempt('ip-addr', () => parseIpAddr(s.get('ip-addr') ?? '')),
    mysql: {
      reachable: vars.ok,
      error: vars.ok ? null : clientError(vars.body),
      variables,
      replication: slave.ok ? attempt('slave-status', () => parseSlaveStatus(slave.body)) : null,
      master: master.ok ? attempt('master-status', () => parseMasterStatus(master.body)) : null,
      heartbeatLagSeconds: hb.ok && hb.body.trim() !== '' && Number.isFinite(hbMicros) ? Math.max(0, hbMicros / 1e6) : null,
    },
    keepalived: {
      running: kv.running === 'yes',
      pid: kv.pid ? Number(kv.pid) : null,
      confPath: kv.conf || null,
      conf: s.get('keepalived-conf') === '@@tandem-missing' ? null : attempt('keepalived-conf', () => parseKeepalivedConf(s.get('keepalived-conf') ?? '')),
      events: attempt('keepalived-log', () => parseKeepalivedLog(s.get('keepalived-log') ?? ''))?.events ?? [],
    },
    logCursor: cursor.cursor ?? 'none',
    parseErrors,
  };
};

// Whether this poll saw the address on one of the node's interfaces.
export const pollHoldsAddress = (poll: TNodePoll | undefined, address: string): boolean =>
  poll?.reachable === true && (poll.ipAddr?.interfaces ?? []).some((i) => i.addresses.some((a) => a.address === address));
