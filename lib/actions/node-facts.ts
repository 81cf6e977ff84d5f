import { runSql } from '@/agents/action-sql';
import type { TNodeTarget } from '@/agents/node-target';
import { ipAddrHolds, ownTransactionCount } from '@/lib/collector/node-memory';
import type { TKeepalivedConf, TNodeObservation } from '@/lib/collector/observation';
import { pollNode } from '@/lib/collector/poll-node';
import type { TActionContext } from './types';

// What an action needs to know about a node, read fresh from the node itself
// (never from the monitor's memory): one full poll plus the few things only
// an action asks for (transactions, long statements, who can bypass read_only,
// Tandem's own grants).
export type TLongTrx = { thread: number; seconds: number; query: string };
export type TLongQuery = { thread: number; user: string; seconds: number; command: string; query: string };

export type TNodeFacts = {
  name: string;
  target: TNodeTarget;
  reachable: boolean;
  error: string | null;
  poll: TNodeObservation | null;
  holdsVip: boolean;
  readOnly: boolean | null;
  serverId: string | null;
  version: string | null;
  ownTransactions: number | null;
  keepalivedRunning: boolean;
  keepalivedState: string | null;
  conf: TKeepalivedConf | null;
  longTrx: TLongTrx[];
  longQueries: TLongQuery[];
  // grantee → privileges that let it write while read_only is ON
  bypassUsers: { grantee: string; privilege: string }[];
  currentUser: string | null;
  grants: string[];
  extrasError: string | null;
};

export const LONG_SECONDS = 10;

const EXTRAS_SQL = [
  `SELECT 'trx', trx_mysql_thread_id, TIMESTAMPDIFF(SECOND, trx_started, NOW()), COALESCE(LEFT(trx_query, 120), '') FROM information_schema.INNODB_TRX WHERE trx_started <= NOW() - INTERVAL ${LONG_SECONDS} SECOND;`,
  `SELECT 'query', ID, USER, TIME, COMMAND, COALESCE(LEFT(INFO, 120), '') FROM information_schema.PROCESSLIST WHERE COMMAND NOT IN ('Sleep', 'Binlog Dump', 'Binlog Dump GTID', 'Daemon', 'Slave_IO', 'Slave_SQL', 'Slave_worker', 'Connect') AND USER NOT IN ('system user', 'event_scheduler') AND ID <> CONNECTION_ID() AND TIME >= ${LONG_SECONDS};`,
  `SELECT 'bypass', GRANTEE, PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE IN ('READ_ONLY ADMIN', 'SUPER');`,
  `SELECT 'user', CURRENT_USER();`,
  `SELECT 'grant', PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''');`,
].join('\n');

const lastState = (poll: TNodeObservation, conf: TKeepalivedConf | null, vip: string): string | null => {
  const instance = conf?.instances.find((i) => i.virtualIpAddresses.some((a) => a.replace(/\/\d+$/, '') === vip))?.name;
  let state: string | null = null;
  for (const e of poll.keepalived.events) if (e.kind === 'state' && (instance === undefined || e.instance === instance)) state = e.state;
  return state;
};

export const gatherNodeFacts = async (ctx: TActionContext, target: TNodeTarget): Promise<TNodeFacts> => {
  const base: TNodeFacts = { name: target.name, target, reachable: false, error: null, poll: null, holdsVip: false, readOnly: null, serverId: null, version: null, ownTransactions: null, keepalivedRunning: false, keepalivedState: null, conf: null, longTrx: [], longQueries: [], bypassUsers: [], currentUser: null, grants: [], extrasError: null };
  const poll = await pollNode({ pool: ctx.pool, target, cursor: 'none' });
  if (!poll.reachable) return { ...base, error: poll.error };
  const v = poll.mysql.variables;
  const facts: TNodeFacts = {
    ...base,
    reachable: true,
    poll,
    error: poll.mysql.reachable ? null : `MySQL: ${poll.mysql.error ?? 'unreachable'}`,
    holdsVip: ipAddrHolds(poll.ipAddr, ctx.cluster.vip),
    readOnly: v.read_only === undefined ? null : v.read_only === 'ON' || v.read_only === '1',
    serverId: v.server_id ?? null,
    version: v.version ?? null,
    ownTransactions: ownTransactionCount(v),
    keepalivedRunning: poll.keepalived.running,
    conf: poll.keepalived.conf,
  };
  facts.keepalivedState = poll.keepalived.running ? lastState(poll, facts.conf, ctx.cluster.vip) : 'STOPPED';
  if (!poll.mysql.reachable) return facts;
  try {
    for (const row of await runSql(ctx.pool, target, EXTRAS_SQL, 5000)) {
      const [kind, a = '', b = '', c = '', d = '', e = ''] = row;
      if (kind === 'trx') facts.longTrx.push({ thread: Number(a), seconds: Number(b), query: c === 'NULL' ? '' : c });
      else if (kind === 'query') facts.longQueries.push({ thread: Number(a), user: b, seconds: Number(c), command: d, query: e === 'NULL' ? '' : e });
      else if (kind === 'bypass') facts.bypassUsers.push({ grantee: a, privilege: b });
      else if (kind === 'user') facts.currentUser = a;
      else if (kind === 'grant') facts.grants.push(a);
    }
  } catch (e) {
    facts.extrasError = e instanceof Error ? e.message : String(e);
  }
  return facts;
};

export const gatherAllFacts = (ctx: TActionContext): Promise<TNodeFacts[]> => Promise.all(ctx.targets.map((t) => gatherNodeFacts(ctx, t)));
