import { z } from 'zod';
import { block, engineChecks, warn } from '../common-checks';
import { gatherAllFacts, type TNodeFacts } from '../node-facts';
import { StepFailure, type TActionDefinition, type TPreflightCheck, type TStep } from '../types';
import { boundaryQuery, chunkQuery, SNAPSHOT_SQL, type TTableSpec } from './chunk-sql';
import type { TPinMode } from './compare-table';
import { SYSTEM_SCHEMAS, type TDiscovered } from './discover-tables';
import type { TChecksumReport } from './result-schema';
import { discoverPair, hasGrant, pinModeOf, replicaRunning, runDriftCheck } from './run-drift-check';

const SCHEMA_RE = /^[^\u0000/\\.]{1,64}$/;

export const ZChecksumParamsSchema = z.strictObject({
  schemas: z.array(z.string().regex(SCHEMA_RE, 'a schema name: 1–64 characters, no "/", "\\", "." or NUL')).max(200).optional(),
  chunkTimeMs: z.int('must be an integer').min(50, 'must be 50–5000').max(5000, 'must be 50–5000').default(500),
});
export type TChecksumParams = z.infer<typeof ZChecksumParamsSchema>;

// What the plan shows for a drift check, on any action that runs one.
export const driftCommands = (wName: string, rName: string, example: TTableSpec | undefined, pin: TPinMode): string[] => [
  example
    ? `on ${wName}, per chunk: ${SNAPSHOT_SQL.replace(/\n/g, ' ')} ${chunkQuery(example, { lower: null, upper: null })} … ; ${boundaryQuery(example, null, 1000)}; COMMIT`
    : `on ${wName}, per chunk: ${SNAPSHOT_SQL.replace(/\n/g, ' ')} SELECT COUNT(*), BIT_XOR(CRC32(CONCAT_WS('#', <columns>, <NULL flags>))) FROM <table> WHERE <key range>; SELECT <the next chunk's upper key>; COMMIT`,
  `on ${rName}, per chunk: SELECT MASTER_GTID_WAIT('<${wName}'s snapshot GTID>', 10); the same snapshot and chunk query; COMMIT`,
  pin
    ? `only when a chunk differs while both nodes moved, on ${rName}: ${pin === 'gtid' ? "STOP SLAVE; START SLAVE UNTIL master_gtid_pos = '<point>'" : "STOP SLAVE SQL_THREAD; START SLAVE SQL_THREAD UNTIL MASTER_LOG_FILE = '<file>', MASTER_LOG_POS = <pos>"}; the chunk again at that point; then ${pin === 'gtid' ? 'STOP SLAVE; START SLAVE' : 'STOP SLAVE SQL_THREAD; START SLAVE'}`
    : 'no replica hold (no REPLICATION SLAVE ADMIN): such chunks are reported as unsettled',
];

const fieldsOf = (issues: z.core.$ZodIssue[]): Record<string, string> => Object.fromEntries(issues.map((i) => [`params${i.path.length ? `.${i.path.join('.')}` : ''}`, i.message]));

export const parseChecksumParams = (raw: unknown): { ok: true; params: TChecksumParams } | { ok: false; fields: Record<string, string> } => {
  const parsed = ZChecksumParamsSchema.safeParse(raw ?? {});
  return parsed.success ? { ok: true, params: parsed.data } : { ok: false, fields: fieldsOf(parsed.error.issues) };
};

const isMariadb = (f: TNodeFacts) => /mariadb/i.test(f.version ?? '');

// The writer is where the chunks' points are taken: the only writable node,
// else the VIP holder, else the first node (nothing writes: any point is one).
const pickWriter = (facts: TNodeFacts[]): TNodeFacts | null => {
  const writable = facts.filter((f) => f.readOnly === false);
  if (writable.length > 1) return null;
  return writable[0] ?? facts.find((f) => f.holdsVip) ?? facts[0] ?? null;
};

export const checksumPreflight = (facts: TNodeFacts[], writer: TNodeFacts | null, replica: TNodeFacts | undefined, discovered: TDiscovered | null, discoverError: string | null, params: TChecksumParams): TPreflightCheck[] => {
  const checks: TPreflightCheck[] = [];
  const unreachable = facts.filter((f) => !f.reachable || f.error);
  checks.push(block('pair', facts.length === 2, facts.length === 2 ? facts.map((f) => f.name).join(' and ') : `the drift check compares a pair; this cluster has ${facts.length} nodes`));
  checks.push(block('nodes-reachable', unreachable.length === 0, unreachable.length === 0 ? `${facts.map((f) => f.name).join(', ')} answer over SSH and MySQL` : unreachable.map((f) => `${f.name}: ${f.error ?? 'unreachable'}`).join('; ')));
  if (unreachable.length > 0 || facts.length !== 2) return checks;
  const notMaria = facts.filter((f) => !isMariadb(f));
  checks.push(block('mariadb', notMaria.length === 0, notMaria.length === 0 ? 'MariaDB on both nodes (BINLOG_GTID_POS dates each snapshot)' : `${notMaria.map((f) => `${f.name} runs ${f.version ?? 'an unknown server'}`).join('; ')}: the drift check needs MariaDB's consistent-snapshot GTID; MySQL is not supported yet`));
  checks.push(block('one-writer', writer !== null, writer ? `points are taken on ${writer.name}${writer.readOnly === false ? ' (the writable node)' : ' (nothing is writable)'}` : `more than one node is writable (${facts.filter((f) => f.readOnly === false).map((f) => f.name).join(', ')}): there is no single point to compare at; fix the split first`));
  if (writer && replica) {
    const r = replica.poll?.mysql.replication;
    const ok = !!r && r.ioRunning === 'Yes' && r.sqlRunning === 'Yes';
    checks.push(block(`replication-to-${replica.name}`, ok, ok ? `${replica.name} applies ${writer.name}'s changes, so it can meet each chunk's point` : `${replica.name} does not replicate from ${writer.name} (IO ${r?.ioRunning ?? '?'}, SQL ${r?.sqlRunning ?? '?'}${r?.lastSqlErrno ? `, error ${r.lastSqlErrno}` : ''}${r?.lastIoErrno ? `, error ${r.lastIoErrno}` : ''}): repair replication first (tandem diagnose)`));
    const canPin = hasGrant(replica, 'REPLICATION SLAVE ADMIN', 'SUPER');
    checks.push(warn('hold-replica', canPin, canPin ? `a chunk that differs while writes go on is read again with ${replica.name}'s SQL thread held at ${writer.name}'s point for that moment` : `Tandem's user on ${replica.name} lacks REPLICATION SLAVE ADMIN: a chunk that differs while writes go on is reported as unsettled instead of confirmed`));
  }
  const noSelect = facts.filter((f) => !hasGrant(f, 'SELECT'));
  checks.push(warn('select', noSelect.length === 0, noSelect.length === 0 ? 'Tandem may read every table (global SELECT)' : `Tandem's user has no global SELECT on ${noSelect.map((f) => f.name).join(', ')}: tables it cannot read will fail`));
  const tables = discovered?.tables.length ?? 0;
  checks.push(block('tables', discoverError === null && tables > 0, discoverError ? `cannot list the tables: ${discoverError}` : tables > 0 ? `${tables} table(s) in ${params.schemas?.join(', ') ?? `every schema but ${SYSTEM_SCHEMAS.join(', ')}`}` : `no table in ${params.schemas?.join(', ') ?? 'any non-system schema'}`));
  return checks;
};

export const checksumDefinition: TActionDefinition<TChecksumParams> = {
  kind: 'checksum',
  policy: { confirm: false, antiFlap: false },
  parseParams: (raw) => parseChecksumParams(raw),
  prepare: async (ctx, params, options) => {
    const facts = await gatherAllFacts(ctx);
    const writer = pickWriter(facts);
    const replica = facts.find((f) => f.name !== writer?.name);
    let discovered: [TDiscovered, TDiscovered] | null = null;
    let discoverError: string | null = null;
    if (writer && replica && facts.every((f) => f.reachable && !f.error)) {
      try {
        discovered = await discoverPair(ctx, writer, replica, params.schemas ?? null);
      } catch (e) {
        discoverError = e instanceof Error ? e.message : String(e);
      }
    }
    const checks = [...checksumPreflight(facts, writer, replica, discovered?.[0] ?? null, discoverError, params), ...(await engineChecks(ctx, { ...options, antiFlap: false }))];
    const pin = replica ? pinModeOf(replica) : null;
    const [wName, rName] = [writer?.name ?? ctx.targets[0]?.name ?? '', replica?.name ?? ctx.targets[1]?.name ?? ''];
    const example: TTableSpec | undefined = discovered?.[0].tables[0];
    const bytes = discovered?.[0].tables.reduce((s, t) => s + t.dataBytes, 0) ?? 0;
    const count = new Set([...(discovered?.[0].tables ?? []), ...(discovered?.[1].tables ?? [])].map((t) => `${t.schema}.${t.table}`)).size;
    let report: TChecksumReport | null = null;

    const compare: TStep = {
      key: 'compare',
      title: `Compare ${count} table(s) chunk by chunk on ${wName} and ${rName}, each chunk at one point`,
      node: null,
      commands: driftCommands(wName, rName, example, pin),
      // About 2 MB/s on a small machine; a hang is caught by each statement's own bound.
      timeoutMs: Math.max(10 * 60_000, Math.round(bytes / 2_000)),
      undo: null,
      run: async () => {
        if (!writer || !replica || !discovered) throw new StepFailure('the preflight did not find the pair');
        report = await runDriftCheck(ctx, { writer, replica, discovered, schemas: params.schemas ?? null, only: null, chunkTimeMs: params.chunkTimeMs, pin, order: ctx.targets.map((t) => t.name) });
      },
    };
    const replicationAfter: TStep = {
      key: 'replication-after',
      title: `Check that ${rName} still replicates from ${wName}`,
      node: rName,
      commands: ['SHOW GLOBAL STATUS LIKE \'Slave_running\''],
      timeoutMs: 15_000,
      undo: null,
      run: async () => {
        if (replica && !(await replicaRunning(ctx, replica))) throw new StepFailure(`replication on ${rName} is not running after the check: START SLAVE on ${rName}`);
      },
    };
    return { checks, steps: [compare, replicationAfter], result: (): Record<string, unknown> => report ?? {} };
  },
  adviceAfter: () =>
    'The drift check only reads, except for a moment when it holds the replica\'s SQL thread at one point to re-read a differing chunk. Check that replication runs on both nodes (START SLAVE where it does not), then acknowledge the run.',
};
