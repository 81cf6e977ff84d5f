import { runSql } from '@/agents/action-sql';
import type { TNodeTarget } from '@/agents/node-target';
import { DUMP_COMMAND_SHOWN, LOAD_COMMAND_SHOWN, streamDump } from '@/agents/reseed-stream';
import { isAbortRequested } from '../abort-flag';
import { quoteIdent, quoteString } from '../checksum/chunk-sql';
import { StepFailure, type TActionContext, type TStep } from '../types';
import { waitCaughtUp, waitThreadsRunning } from './replica-state';
import type { TStrategySteps } from './simple-steps';
import { BINLOG_FILE } from '@/lib/parsers/binlog-file';

// Schemas a reseed never copies or drops: the server's own (users and grants
// stay each node's own).
export const RESEED_SKIPPED = ['mysql', 'information_schema', 'performance_schema', 'sys'];

const GTID_POS = /^[0-9]+-[0-9]+-[0-9]+(,[0-9]+-[0-9]+-[0-9]+)*$/;

const userSchemas = async (ctx: TActionContext, t: TNodeTarget): Promise<string[]> =>
  (await runSql(ctx.pool, t, `SELECT HEX(SCHEMA_NAME) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN (${RESEED_SKIPPED.map(quoteString).join(', ')}) ORDER BY SCHEMA_NAME;`, 10_000)).map((r) => Buffer.from(r[0] ?? '', 'hex').toString('utf8'));

export type TReseedFacts = { bytes: number | null; tables: number | null; position: { file: string | null; pos: number | null; gtid: string | null }; copyMs: number | null; catchUpMs: number | null; dropped: string[] };

// The dual-master reseed (research C): replication stopped both ways, the
// broken node's binlog reset, a consistent dump of the healthy node loaded
// with binary logging off, the broken node positioned by the dump's GTID,
// then the healthy node re-pointed at the reseeded node's new binlog.
export const reseedSteps = (ctx: TActionContext, node: TNodeTarget, source: TNodeTarget, sourceSchemas: string[], facts: TReseedFacts): TStrategySteps => {
  const changes: string[] = [];

  const stopBoth: TStep = {
    key: 'stop-replication',
    title: `Stop replication on ${node.name} and on ${source.name}`,
    node: null,
    commands: [`on ${node.name}: STOP SLAVE;`, `on ${source.name}: STOP SLAVE; (so nothing from ${node.name} reaches it while it is rebuilt)`],
    timeoutMs: 40_000,
    undo: [`on ${source.name}: START SLAVE;`],
    run: async () => {
      await runSql(ctx.pool, node, 'STOP SLAVE;', 15_000);
      await runSql(ctx.pool, source, 'STOP SLAVE;', 15_000);
      changes.push(`${node.name}, ${source.name}: STOP SLAVE`);
    },
    undoRun: async () => {
      await runSql(ctx.pool, source, 'START SLAVE;', 15_000);
    },
  };

  const reset: TStep = {
    key: 'reset-target',
    title: `Reset ${node.name}'s binary log and drop its copy of the data`,
    node: node.name,
    commands: ['RESET MASTER;', `SET SESSION sql_log_bin = 0; DROP DATABASE <each schema on ${node.name} but ${RESEED_SKIPPED.join(', ')}>;`],
    timeoutMs: 120_000,
    undo: null,
    // The node's old binlog and data are gone: going back is not possible,
    // only finishing (or running the reseed again).
    pointOfNoReturn: true,
    precondition: async () => {
      const [row] = await runSql(ctx.pool, node, 'SELECT @@global.read_only;', 5000);
      return row?.[0] === '1' ? null : `${node.name} is writable: a reseed only rebuilds a read-only node`;
    },
    run: async () => {
      const schemas = await userSchemas(ctx, node);
      await runSql(ctx.pool, node, ['RESET MASTER;', 'SET SESSION sql_log_bin = 0;', ...schemas.map((s) => `DROP DATABASE ${quoteIdent(s)};`)].join('\n'), 110_000);
      facts.dropped = schemas;
      changes.push(`${node.name}: RESET MASTER; dropped ${schemas.length ? schemas.join(', ') : 'no schema'} (binary logging off)`);
    },
  };

  const copy: TStep = {
    key: 'copy',
    title: `Copy ${sourceSchemas.join(', ') || 'the data'} from ${source.name} into ${node.name}, streamed through Tandem`,
    node: null,
    commands: [`on ${source.name}: ${DUMP_COMMAND_SHOWN.replace('<schemas>', sourceSchemas.join(' '))}`, `on ${node.name}: ${LOAD_COMMAND_SHOWN}`],
    // A hang is caught by the copy's own idle timeout (2 min without data).
    timeoutMs: 6 * 3600_000,
    undo: null,
    run: async () => {
      const started = Date.now();
      let abort = false;
      const watch = setInterval(() => void isAbortRequested(ctx).then((a) => (abort = abort || a), () => undefined), 1000);
      try {
        const r = await streamDump({
          pool: ctx.pool,
          source,
          target: node,
          schemas: sourceSchemas,
          timeoutMs: 6 * 3600_000 - 60_000,
          shouldStop: () => (abort ? 'aborted by request' : null),
          onProgress: (p) => ctx.log(`${(p.bytes / 1048576).toFixed(1)} MiB, ${p.tables} table(s)${p.table ? `, now ${p.table}` : ''}`),
        });
        facts.bytes = r.bytes;
        facts.tables = r.tables;
        facts.position = r.position;
        facts.copyMs = Date.now() - started;
        if (r.stopped) throw new StepFailure(`the copy stopped: ${r.stopped}`);
        if (r.from.code !== 0) throw new StepFailure(`the dump on ${source.name} failed (exit ${r.from.code ?? r.from.signal ?? '?'}): ${r.from.stderr.trim().split('\n').slice(-3).join(' | ')}`);
        if (r.to.code !== 0) throw new StepFailure(`loading on ${node.name} failed (exit ${r.to.code ?? r.to.signal ?? '?'}): ${r.to.stderr.trim().split('\n').slice(-3).join(' | ')}`);
        if (!r.position.gtid || !GTID_POS.test(r.position.gtid)) throw new StepFailure('the dump stated no GTID position: cannot position the node');
        ctx.log(`copied ${(r.bytes / 1048576).toFixed(1)} MiB, ${r.tables} table(s) in ${((Date.now() - started) / 1000).toFixed(1)} s; ${source.name} at ${r.position.gtid} (${r.position.file ?? '?'}:${r.position.pos ?? '?'})`);
        changes.push(`${node.name}: loaded ${r.tables} table(s), ${r.bytes} bytes from ${source.name}'s dump at GTID ${r.position.gtid}`);
      } finally {
        clearInterval(watch);
      }
    },
  };

  const position: TStep = {
    key: 'position-target',
    title: `Point ${node.name} at ${source.name} from the dump's GTID and start it`,
    node: node.name,
    commands: ["SET GLOBAL gtid_slave_pos = '<the dump's GTID>';", 'CHANGE MASTER TO MASTER_USE_GTID = slave_pos;', 'START SLAVE;'],
    timeoutMs: 60_000,
    undo: null,
    run: async () => {
      const gtid = facts.position.gtid;
      if (!gtid || !GTID_POS.test(gtid)) throw new StepFailure('no GTID position from the copy');
      await runSql(ctx.pool, node, `SET GLOBAL gtid_slave_pos = ${quoteString(gtid)};\nCHANGE MASTER TO MASTER_USE_GTID = slave_pos;\nSTART SLAVE;`, 15_000);
      changes.push(`${node.name}: SET GLOBAL gtid_slave_pos = '${gtid}'; CHANGE MASTER TO MASTER_USE_GTID = slave_pos; START SLAVE`);
      await waitThreadsRunning(ctx, node, 30_000);
      const caught = await waitCaughtUp(ctx, node, source, 300);
      facts.catchUpMs = caught.ms;
      ctx.log(`${node.name} caught up with ${source.name} (${caught.gtid}) in ${(caught.ms / 1000).toFixed(1)} s`);
    },
  };

  const repoint: TStep = {
    key: 'repoint-source',
    title: `Point ${source.name} at the start of ${node.name}'s new binary log and start it`,
    node: source.name,
    commands: [`on ${node.name}: SHOW BINARY LOGS; (the first file)`, `on ${source.name}: CHANGE MASTER TO MASTER_LOG_FILE = '<that file>', MASTER_LOG_POS = 4, MASTER_USE_GTID = no;`, `on ${source.name}: START SLAVE;`],
    timeoutMs: 60_000,
    undo: null,
    run: async () => {
      const [first] = await runSql(ctx.pool, node, 'SHOW BINARY LOGS;', 10_000);
      const file = first?.[0];
      if (!file || !BINLOG_FILE.test(file)) throw new StepFailure(`${node.name} lists no binary log`);
      const change = `CHANGE MASTER TO MASTER_LOG_FILE = ${quoteString(file)}, MASTER_LOG_POS = 4, MASTER_USE_GTID = no;`;
      await runSql(ctx.pool, source, `STOP SLAVE;\n${change}\nSTART SLAVE;`, 15_000);
      changes.push(`${source.name}: ${change} START SLAVE`);
      await waitThreadsRunning(ctx, source, 30_000);
    },
  };

  return { changes, touched: () => null, steps: [stopBoth, reset, copy, position, repoint] };
};

export { userSchemas };
