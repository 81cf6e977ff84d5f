import { runSql } from '@/agents/action-sql';
import type { TNodeTarget } from '@/agents/node-target';
import { pollNode } from '@/lib/collector/poll-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { StepFailure, type TActionContext } from '../types';

export type TReplicaState = {
  io: string | null;
  sql: string | null;
  ioErrno: number | null;
  ioError: string | null;
  sqlErrno: number | null;
  sqlError: string | null;
  usingGtid: string | null;
  relayFile: string | null;
  execPos: number | null;
  gtidSlavePos: string | null;
  gtidBinlogPos: string | null;
  secondsBehind: number | null;
};

// One node's replica threads and positions, read fresh.
export const readReplicaState = async (ctx: TActionContext, t: TNodeTarget): Promise<TReplicaState> => {
  const p = await pollNode({ pool: ctx.pool, target: t, cursor: 'none' });
  if (!p.reachable) throw new StepFailure(`${t.name} is unreachable: ${p.error ?? ''}`);
  if (!p.mysql.reachable) throw new StepFailure(`MySQL on ${t.name} does not answer: ${p.mysql.error ?? ''}`);
  const r = p.mysql.replication;
  const v = p.mysql.variables;
  return {
    io: r?.ioRunning ?? null,
    sql: r?.sqlRunning ?? null,
    ioErrno: r?.lastIoErrno || null,
    ioError: r?.lastIoError ?? null,
    sqlErrno: r?.lastSqlErrno || null,
    sqlError: r?.lastSqlError ?? null,
    usingGtid: r?.usingGtid ?? null,
    relayFile: r?.relaySourceLogFile ?? null,
    execPos: r?.execSourceLogPos ?? null,
    gtidSlavePos: v.gtid_slave_pos ?? null,
    gtidBinlogPos: v.gtid_binlog_pos ?? null,
    secondsBehind: r?.secondsBehindSource ?? null,
  };
};

export const describeReplica = (s: TReplicaState): string =>
  `IO ${s.io ?? '?'}, SQL ${s.sql ?? '?'}${s.ioErrno ? `, IO error ${s.ioErrno}: ${s.ioError ?? ''}` : ''}${s.sqlErrno ? `, SQL error ${s.sqlErrno}: ${s.sqlError ?? ''}` : ''}`;

// Both threads running (and no new error) within the bound; else the state
// it ended in, as the failure.
export const waitThreadsRunning = async (ctx: TActionContext, t: TNodeTarget, timeoutMs: number): Promise<TReplicaState> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await readReplicaState(ctx, t);
    if (s.io === 'Yes' && s.sql === 'Yes') return s;
    // A thread that stopped again on an error will not recover by waiting.
    if ((s.sql === 'No' && s.sqlErrno) || (s.io === 'No' && s.ioErrno) || Date.now() > until) throw new StepFailure(`replication on ${t.name} does not run: ${describeReplica(s)}`);
    await sleep(500);
  }
};

// The node has applied everything its source has written so far (MariaDB
// MASTER_GTID_WAIT on the source's binlog position), within the bound.
export const waitCaughtUp = async (ctx: TActionContext, node: TNodeTarget, source: TNodeTarget, timeoutSeconds: number): Promise<{ gtid: string; ms: number }> => {
  const started = Date.now();
  const [row] = await runSql(ctx.pool, source, 'SELECT @@global.gtid_binlog_pos;', 5000);
  const gtid = row?.[0] ?? '';
  if (!/^[0-9,-]*$/.test(gtid)) throw new StepFailure(`${source.name} reports an unreadable GTID position`);
  const [w] = await runSql(ctx.pool, node, `SELECT MASTER_GTID_WAIT('${gtid}', ${timeoutSeconds});`, (timeoutSeconds + 10) * 1000);
  if (w?.[0] !== '0') throw new StepFailure(`${node.name} did not reach ${source.name}'s position ${gtid} within ${timeoutSeconds} s`);
  return { gtid, ms: Date.now() - started };
};
