import { runSql } from '@/agents/action-sql';
import { loadTargets } from '@/agents/load-targets';
import type { TNodeTarget } from '@/agents/node-target';
import type { TSshPool } from '@/agents/ssh-pool';
import { findClusterByName } from '@/lib/clusters/find-cluster-by-name';
import { ipAddrHolds } from '@/lib/collector/node-memory';
import type { TNodeObservation } from '@/lib/collector/observation';
import { pollNode } from '@/lib/collector/poll-node';
import type { TDb } from '@/lib/db/client';
import { batchValue } from '@/lib/parsers/mysql-batch';
import type { TSlaveStatus } from '@/lib/parsers/slave-status';
import { classifyCause } from './classify-cause';
import { diagnoseNode } from './diagnose-node';
import { readRowEvidence, type TRowEvidenceResult } from './read-row-evidence';
import { gtidGapReason, readSourceBinlogs, refetchGapReason, type TSourceBinlogs } from './read-source-binlogs';
import type { TOptionFacts } from './repair-options';
import { sqlString } from './sql-text';
import type { TClusterDiagnosis, TNodeDiagnosis } from './types';

// What is wrong with each node's replication and what may fix it, read fresh
// from the nodes over SSH (never from the monitor's memory: a repair is
// chosen from this). Read-only on the nodes.

type TRead = { target: TNodeTarget; poll: TNodeObservation | null; error: string | null };

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const readNode = async (pool: TSshPool, target: TNodeTarget): Promise<TRead> => {
  const poll = await pollNode({ pool, target, cursor: 'none' });
  if (!poll.reachable) return { target, poll: null, error: `Tandem cannot reach ${target.name} over SSH: ${poll.error}` };
  if (!poll.mysql.reachable) return { target, poll, error: `mysqld on ${target.name} does not answer: ${poll.mysql.error ?? 'no answer'}` };
  return { target, poll, error: null };
};

// The host the source saw the replica connect from ("Access denied for user 'repl'@'198.18.0.12'").
const deniedHost = (error: string | null): string | null => /Access denied for user '[^']*'@'([^']*)'/.exec(error ?? '')?.[1] ?? null;

const readAccounts = async (pool: TSshPool, source: TNodeTarget, user: string): Promise<string[] | null> => {
  try {
    return (await runSql(pool, source, `SELECT Host FROM mysql.user WHERE User = ${sqlString(user)} ORDER BY Host;`, 5000)).map((r) => batchValue(r[0] ?? '') ?? '');
  } catch {
    return null;
  }
};

const tryRead = async <T>(fn: () => Promise<T>): Promise<T | null> => {
  try {
    return await fn();
  } catch {
    return null;
  }
};

// The facts one cause needs beyond the status; each read only when it matters.
const gatherFacts = async (ctx: { pool: TSshPool; node: TRead; status: TSlaveStatus; source: TRead | null; sourceName: string; sourceProblem: string | null; vip: string }) => {
  const { pool, node, status, source, sourceName } = ctx;
  const poll = node.poll;
  const facts: Omit<TOptionFacts, 'node' | 'source'> = {
    sourceProblem: ctx.sourceProblem,
    holdsVip: poll ? ipAddrHolds(poll.ipAddr, ctx.vip) : false,
    writable: poll ? ['OFF', '0'].includes(poll.mysql.variables.read_only ?? '') : false,
    usesGtid: status.usingGtid !== null && status.usingGtid !== 'No',
  };
  let rows: TRowEvidenceResult | null = null;
  const cause = classifyCause(status, { node: node.target.name, source: sourceName });
  const usable = source && !ctx.sourceProblem ? source.target : null;
  const binlogs = (): Promise<TSourceBinlogs | null> => (usable ? tryRead(() => readSourceBinlogs(pool, usable)) : Promise.resolve(null));
  switch (cause?.code) {
    case 'binlog-purged':
    case 'position-past-end':
    case 'relay-log-corrupt': {
      const b = await binlogs();
      if (b) {
        facts.gtidGap = gtidGapReason({ node: node.target.name, source: sourceName, replicaPos: poll?.mysql.variables.gtid_slave_pos ?? null, binlogs: b });
        facts.refetchGap = refetchGapReason({ source: sourceName, file: status.relaySourceLogFile, binlogs: b });
      }
      facts.refetchFrom = status.relaySourceLogFile && status.execSourceLogPos !== null ? { file: status.relaySourceLogFile, position: status.execSourceLogPos } : null;
      break;
    }
    case 'access-denied':
      facts.replication = { user: status.sourceUser, accounts: usable && status.sourceUser ? await readAccounts(pool, usable, status.sourceUser) : null, replicaHost: deniedHost(status.lastIoError) ?? node.target.host };
      break;
    case 'binlog-not-open': {
      const logBin = source?.poll?.mysql.variables.log_bin;
      facts.sourceBinlogOff = logBin === 'OFF' || logBin === '0';
      break;
    }
    case 'duplicate-key':
    case 'row-not-found':
      try {
        rows = await readRowEvidence({ pool, node: node.target, source: usable, status });
      } catch (e) {
        rows = { evidence: null, identical: null, note: `The rows could not be read: ${describe(e)}.` };
      }
      facts.rowsIdentical = rows.identical;
      break;
    default:
      break;
  }
  return { facts, rows };
};

const diagnoseOne = async (ctx: { pool: TSshPool; vip: string; node: TRead; all: TRead[] }): Promise<TNodeDiagnosis | null> => {
  const status = ctx.node.poll?.mysql.replication;
  if (!status) return null;
  const host = status.sourceHost;
  const source = ctx.all.find((r) => r.target !== ctx.node.target && host !== null && (r.target.host === host || r.target.name === host)) ?? null;
  const sourceName = source?.target.name ?? host ?? 'its source';
  const sourceProblem = source ? source.error : `the source ${host ?? '(none configured)'} is not a node of this cluster, so Tandem cannot reach it`;
  if (!classifyCause(status, { node: ctx.node.target.name, source: sourceName })) return null;
  const { facts, rows } = await gatherFacts({ pool: ctx.pool, node: ctx.node, status, source, sourceName, sourceProblem, vip: ctx.vip });
  return diagnoseNode({ node: ctx.node.target.name, source: source?.target.name ?? host, status, facts, evidence: rows?.evidence ?? null, evidenceNote: rows?.note ?? null });
};

export const diagnoseCluster = async (options: { db: TDb; pool: TSshPool; cluster: string }): Promise<TClusterDiagnosis> => {
  const cluster = await findClusterByName({ db: options.db, name: options.cluster });
  const targets = await loadTargets({ db: options.db, cluster: cluster.name });
  const checkedAt = new Date().toISOString();
  const all = await Promise.all(targets.map((t) => readNode(options.pool, t)));
  const readable = all.filter((r) => r.error === null);
  const nodes = await Promise.all(readable.map((node) => diagnoseOne({ pool: options.pool, vip: cluster.vip, node, all })));
  return {
    cluster: cluster.name,
    checkedAt,
    nodes: nodes.filter((n): n is TNodeDiagnosis => n !== null),
    unreadable: all.flatMap((r) => (r.error === null ? [] : [{ node: r.target.name, error: r.error }])),
  };
};
