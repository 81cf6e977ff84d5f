import { runSql } from '@/agents/action-sql';
import type { TNodeTarget } from '@/agents/node-target';
import { quoteString } from '../checksum/chunk-sql';
import { StepFailure, type TActionContext, type TStep } from '../types';
import type { TRepairParams } from './params';
import { describeReplica, readReplicaState, waitThreadsRunning, type TReplicaState } from './replica-state';
import { BINLOG_FILE } from '@/lib/parsers/binlog-file';

// What every strategy hands back: its steps and what it changed (for the
// summary), plus the tables a drift check must cover afterwards (null: all).
export type TStrategySteps = { steps: TStep[]; touched: () => { schema: string; table: string }[] | null; changes: string[] };


// A statement list run in one session on a node, recorded in the summary.
const sqlStep = (ctx: TActionContext, o: { key: string; title: string; target: TNodeTarget; sql: string[]; shown?: string[]; changes: string[]; timeoutMs?: number; verify: () => Promise<void>; undo?: string[] }): TStep => ({
  key: o.key,
  title: o.title,
  node: o.target.name,
  commands: o.shown ?? o.sql,
  timeoutMs: o.timeoutMs ?? 30_000,
  undo: o.undo ?? null,
  run: async () => {
    await runSql(ctx.pool, o.target, o.sql.join('\n'), 15_000);
    o.changes.push(...(o.shown ?? o.sql).map((s) => `${o.target.name}: ${s}`));
    await o.verify();
  },
});

export const restartSteps = (ctx: TActionContext, node: TNodeTarget): TStrategySteps => {
  const changes: string[] = [];
  return {
    changes,
    touched: () => [],
    steps: [
      {
        ...sqlStep(ctx, { key: 'start-replica', title: `Start replication on ${node.name}`, target: node, sql: ['START SLAVE;'], changes, verify: async () => void (await waitThreadsRunning(ctx, node, 15_000)) }),
        precondition: async () => {
          const s = await readReplicaState(ctx, node);
          return s.io === 'Yes' && s.sql === 'Yes' ? `replication on ${node.name} already runs` : null;
        },
      },
    ],
  };
};

// Reconnect the IO thread (after the source came back, or its grant or
// password was fixed); the position is kept.
export const reconnectSteps = (ctx: TActionContext, node: TNodeTarget, params: TRepairParams): TStrategySteps => {
  const changes: string[] = [];
  const sql = params.sourcePassword !== undefined ? ['STOP SLAVE;', `CHANGE MASTER TO MASTER_PASSWORD = ${quoteString(params.sourcePassword)};`, 'START SLAVE;'] : ['STOP SLAVE IO_THREAD;', 'START SLAVE IO_THREAD;'];
  const shown = params.sourcePassword !== undefined ? ['STOP SLAVE;', "CHANGE MASTER TO MASTER_PASSWORD = '<redacted>';", 'START SLAVE;'] : sql;
  return {
    changes,
    touched: () => [],
    steps: [sqlStep(ctx, { key: 'reconnect', title: `Reconnect ${node.name} to its source`, target: node, sql, shown, changes, verify: async () => void (await waitThreadsRunning(ctx, node, 20_000)) })],
  };
};

// 1594: the relay log is unreadable. Throw it away and fetch again from the
// last executed position (by file/position, or by GTID where used).
export const relayResetSteps = (ctx: TActionContext, node: TNodeTarget, before: TReplicaState): TStrategySteps => {
  const changes: string[] = [];
  const gtid = before.usingGtid !== null && before.usingGtid !== 'No';
  const shown = gtid ? ['STOP SLAVE;', 'RESET SLAVE;', 'START SLAVE;'] : ['STOP SLAVE;', "CHANGE MASTER TO MASTER_LOG_FILE = '<Relay_Master_Log_File>', MASTER_LOG_POS = <Exec_Master_Log_Pos>;", 'START SLAVE;'];
  const step: TStep = {
    key: 'relay-reset',
    title: `Discard ${node.name}'s relay log and fetch again from the executed position`,
    node: node.name,
    commands: shown,
    timeoutMs: 40_000,
    undo: null,
    precondition: async () => {
      const s = await readReplicaState(ctx, node);
      return s.sqlErrno === 1594 ? null : `${node.name}'s SQL thread no longer reports 1594 (${describeReplica(s)}); nothing changed`;
    },
    run: async () => {
      await runSql(ctx.pool, node, 'STOP SLAVE;', 15_000);
      // Read after the stop: the executed position no longer moves.
      const s = await readReplicaState(ctx, node);
      if (gtid) {
        await runSql(ctx.pool, node, 'RESET SLAVE;\nSTART SLAVE;', 15_000);
        changes.push(`${node.name}: STOP SLAVE; RESET SLAVE; START SLAVE (resumes from gtid_slave_pos ${s.gtidSlavePos ?? '?'})`);
      } else {
        if (!s.relayFile || !BINLOG_FILE.test(s.relayFile) || s.execPos === null) throw new StepFailure(`${node.name} reports no executed position (${describeReplica(s)})`);
        const change = `CHANGE MASTER TO MASTER_LOG_FILE = ${quoteString(s.relayFile)}, MASTER_LOG_POS = ${s.execPos};`;
        await runSql(ctx.pool, node, `${change}\nSTART SLAVE;`, 15_000);
        changes.push(`${node.name}: STOP SLAVE; ${change} START SLAVE`);
      }
      await waitThreadsRunning(ctx, node, 20_000);
    },
  };
  return { changes, touched: () => [], steps: [step] };
};

// Switch the replica to GTID positioning (slave_pos): the source sends what
// the replica's own GTID position lacks.
export const gtidRepositionSteps = (ctx: TActionContext, node: TNodeTarget): TStrategySteps => {
  const changes: string[] = [];
  return {
    changes,
    touched: () => [],
    steps: [sqlStep(ctx, { key: 'gtid-reposition', title: `Position ${node.name} by GTID (slave_pos)`, target: node, sql: ['STOP SLAVE;', 'CHANGE MASTER TO MASTER_USE_GTID = slave_pos;', 'START SLAVE;'], changes, verify: async () => void (await waitThreadsRunning(ctx, node, 20_000)) })],
  };
};

const TABLE_IN_ERROR = /on table ([^\s.;]+)\.([^\s;]+?)[;,]|Table '([^'.]+)\.([^']+)'/;

export const tableOfError = (message: string | null): { schema: string; table: string } | null => {
  const m = TABLE_IN_ERROR.exec(message ?? '');
  if (!m) return null;
  const [schema, table] = m[1] !== undefined ? [m[1], m[2]] : [m[3], m[4]];
  return schema && table ? { schema: schema.replace(/`/g, ''), table: table.replace(/`/g, '') } : null;
};

// 1062/1032: skip the one failing event group (MariaDB's skip counter works
// with GTID too); the table is then drift-checked.
export const skipOneSteps = (ctx: TActionContext, node: TNodeTarget, before: TReplicaState): TStrategySteps => {
  const changes: string[] = [];
  const table = tableOfError(before.sqlError);
  const step: TStep = {
    key: 'skip-one',
    title: `Skip the one failing transaction on ${node.name}${table ? ` (${table.schema}.${table.table})` : ''}`,
    node: node.name,
    commands: ['STOP SLAVE;', 'SET GLOBAL sql_slave_skip_counter = 1;', 'START SLAVE;'],
    timeoutMs: 40_000,
    undo: null,
    // Skip only the transaction that was diagnosed: another error may have
    // taken its place since.
    precondition: async () => {
      const now = await readReplicaState(ctx, node);
      return now.sqlErrno !== before.sqlErrno || now.sql === 'Yes' ? `the error to skip is no longer the one diagnosed (now: ${describeReplica(now)}); nothing skipped` : null;
    },
    run: async () => {
      try {
        await runSql(ctx.pool, node, 'STOP SLAVE;\nSET GLOBAL sql_slave_skip_counter = 1;\nSTART SLAVE;', 15_000);
      } catch (e) {
        // Leave the threads as found: the IO thread was fetching.
        if (before.io === 'Yes') await runSql(ctx.pool, node, 'START SLAVE IO_THREAD;', 15_000).catch(() => undefined);
        throw e;
      }
      changes.push(`${node.name}: skipped one transaction that failed with error ${before.sqlErrno}: ${before.sqlError ?? ''}`);
      await waitThreadsRunning(ctx, node, 20_000);
    },
  };
  return { changes, touched: () => (table ? [table] : null), steps: [step] };
};

// The seed guide's recipe for 1236: a new binlog on the source and the
// replica pointed at its start. Every event in between is skipped: the
// drift check afterwards shows what that cost.
export const flushRepositionSteps = (ctx: TActionContext, node: TNodeTarget, source: TNodeTarget, before: TReplicaState): TStrategySteps => {
  const changes: string[] = [];
  const gtid = before.usingGtid !== null && before.usingGtid !== 'No';
  let coords: { file: string; pos: number } | null = null;
  const flush: TStep = {
    key: 'flush-source',
    title: `Start a new binary log on ${source.name}`,
    node: source.name,
    commands: ['FLUSH NO_WRITE_TO_BINLOG BINARY LOGS;', 'SHOW MASTER STATUS;'],
    timeoutMs: 20_000,
    undo: null,
    run: async () => {
      const [row] = await runSql(ctx.pool, source, 'FLUSH NO_WRITE_TO_BINLOG BINARY LOGS;\nSHOW MASTER STATUS;', 15_000);
      const [file, pos] = row ?? [];
      if (!file || !BINLOG_FILE.test(file) || !pos || !/^\d+$/.test(pos)) throw new StepFailure(`${source.name} reports no binary log position`);
      coords = { file, pos: Number(pos) };
      ctx.log(`${source.name} now writes ${file} from position ${pos}`);
      changes.push(`${source.name}: FLUSH BINARY LOGS (new file ${file})`);
    },
  };
  const repoint: TStep = {
    key: 'reposition',
    title: `Point ${node.name} at the start of ${source.name}'s new binary log (events in between are skipped)`,
    node: node.name,
    commands: ['STOP SLAVE;', `CHANGE MASTER TO MASTER_LOG_FILE = '<new file>', MASTER_LOG_POS = <its position>${gtid ? ', MASTER_USE_GTID = no' : ''};`, 'START SLAVE;'],
    timeoutMs: 40_000,
    undo: null,
    // From here the skipped events are gone for this replica: nothing to undo.
    pointOfNoReturn: true,
    run: async () => {
      if (!coords) throw new StepFailure('no new binary log position from the source');
      const change = `CHANGE MASTER TO MASTER_LOG_FILE = ${quoteString(coords.file)}, MASTER_LOG_POS = ${coords.pos}${gtid ? ', MASTER_USE_GTID = no' : ''};`;
      await runSql(ctx.pool, node, `STOP SLAVE;\n${change}\nSTART SLAVE;`, 15_000);
      changes.push(`${node.name}: ${change} (every event before it that ${node.name} had not read is skipped)`);
      await waitThreadsRunning(ctx, node, 20_000);
    },
  };
  return { changes, touched: () => null, steps: [flush, repoint] };
};
