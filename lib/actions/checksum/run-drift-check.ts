import { runSql } from '@/agents/action-sql';
import { isAbortRequested } from '../abort-flag';
import type { TNodeFacts } from '../node-facts';
import { RunAborted, type TActionContext } from '../types';
import { compareTable, type TPinMode, type TSide, type TTableOutcome } from './compare-table';
import { definitionDifference, discoverTables, type TDiscovered } from './discover-tables';
import type { TChecksumReport } from './result-schema';

export const hasGrant = (f: TNodeFacts, ...privileges: string[]) => f.grants.some((g) => privileges.includes(g) || g === 'ALL PRIVILEGES');

// How the replica can be held at one point (see compare-table.ts).
export const pinModeOf = (replica: TNodeFacts): TPinMode => {
  if (!hasGrant(replica, 'REPLICATION SLAVE ADMIN', 'SUPER')) return null;
  const usingGtid = replica.poll?.mysql.replication?.usingGtid ?? 'No';
  return usingGtid === 'No' ? 'positional' : 'gtid';
};

export type TDriftPlan = { writer: TNodeFacts; replica: TNodeFacts; discovered: [TDiscovered, TDiscovered]; schemas: string[] | null; only: { schema: string; table: string }[] | null; chunkTimeMs: number; pin: TPinMode; order: string[] };

export const discoverPair = async (ctx: TActionContext, writer: TNodeFacts, replica: TNodeFacts, schemas: string[] | null): Promise<[TDiscovered, TDiscovered]> =>
  Promise.all([discoverTables(ctx.pool, writer.target, schemas), discoverTables(ctx.pool, replica.target, schemas)]);

const sideOf = (ctx: TActionContext, f: TNodeFacts): TSide => ({ name: f.name, run: (sql, timeoutMs) => runSql(ctx.pool, f.target, sql, timeoutMs) });

const blank = (schema: string, table: string, problem: string | null): TTableOutcome => ({ schema, table, rows: [0, 0], equal: false, chunks: 0, pinned: 0, differingChunks: [], unsettledChunks: [], lastGtid: null, problem });

// Compares every table of the plan (or only the listed ones) and returns
// the drift check's report. Reads only, except the moment the replica is
// held to re-read a chunk that differed while both moved.
export const runDriftCheck = async (ctx: TActionContext, plan: TDriftPlan): Promise<TChecksumReport> => {
  const startedAt = Date.now();
  const [wName, rName] = [plan.writer.name, plan.replica.name];
  const byName = (list: TDiscovered) => new Map(list.tables.map((t) => [`${t.schema}.${t.table}`, t]));
  const [onWriter, onReplica] = [byName(plan.discovered[0]), byName(plan.discovered[1])];
  const wanted = plan.only ? new Set(plan.only.map((t) => `${t.schema}.${t.table}`)) : null;
  const names = (wanted ? [...wanted] : [...new Set([...onWriter.keys(), ...onReplica.keys()])]).sort();
  const outcomes: TTableOutcome[] = [];
  let abort = false;
  const watch = setInterval(() => void isAbortRequested(ctx).then((a) => (abort = abort || a), () => undefined), 500);
  try {
    for (const [i, name] of names.entries()) {
      if (abort) throw new RunAborted('aborted during the drift check');
      const w = onWriter.get(name);
      const r = onReplica.get(name);
      const [schema = '', table = name] = w ? [w.schema, w.table] : r ? [r.schema, r.table] : name.split('.');
      const problem = definitionDifference(w, r, [wName, rName]);
      if (problem || !w) {
        outcomes.push(blank(schema, table, problem ?? 'missing'));
        ctx.log(`${name}: ${problem ?? 'missing'}`);
        continue;
      }
      ctx.log(`${name} (${i + 1}/${names.length}, ~${w.estimatedRows} rows)…`);
      try {
        outcomes.push(await compareTable(w, [sideOf(ctx, plan.writer), sideOf(ctx, plan.replica)], { chunkTimeMs: plan.chunkTimeMs, pin: plan.pin, log: ctx.log, aborted: () => abort }));
      } catch (e) {
        if (abort) throw new RunAborted('aborted during the drift check');
        const message = e instanceof Error ? e.message : String(e);
        outcomes.push(blank(w.schema, w.table, `not checked: ${message}`));
        ctx.log(`${name}: not checked: ${message}`);
      }
    }
  } finally {
    clearInterval(watch);
  }
  const last = [...outcomes].reverse().find((o) => o.lastGtid)?.lastGtid ?? null;
  // Rows are listed in inventory order, whichever node was the writer.
  const flip = plan.order[0] !== wName;
  return {
    equal: outcomes.length === names.length && outcomes.every((o) => o.equal),
    atGtid: last,
    nodes: flip ? [rName, wName] : [wName, rName],
    writer: wName,
    schemas: plan.schemas,
    tables: [...outcomes]
      .sort((a, b) => Number(a.equal) - Number(b.equal))
      .map((o) => ({ schema: o.schema, table: o.table, rows: flip ? [o.rows[1], o.rows[0]] : o.rows, equal: o.equal, differingChunks: o.differingChunks.map(({ lower, upper }) => ({ lower, upper })), unsettledChunks: o.unsettledChunks, problem: o.problem, chunks: o.chunks })),
    chunks: outcomes.reduce((s, o) => s + o.chunks, 0),
    pinnedChunks: outcomes.reduce((s, o) => s + o.pinned, 0),
    durationMs: Date.now() - startedAt,
  };
};

// Replication into the replica runs again after the check (the hold always
// restarts it; this proves it).
export const replicaRunning = async (ctx: TActionContext, replica: TNodeFacts): Promise<boolean> => {
  const rows = await runSql(ctx.pool, replica.target, "SELECT 'threads', (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'SLAVE_RUNNING');", 10_000);
  return rows.find((r) => r[0] === 'threads')?.[1] === 'ON';
};
