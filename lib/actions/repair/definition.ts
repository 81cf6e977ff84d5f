import { z } from 'zod';
import { engineChecks } from '../common-checks';
import { discoverPair, pinModeOf, runDriftCheck } from '../checksum/run-drift-check';
import { driftCommands } from '../checksum/definition';
import type { TChecksumReport } from '../checksum/result-schema';
import { gatherAllFacts } from '../node-facts';
import { StepFailure, type TActionDefinition, type TStep, type TStepRecord } from '../types';
import { parseRepairParams, storedRepairParams, type TRepairParams } from './params';
import { repairPreflight } from './preflight';
import { describeReplica, readReplicaState, waitCaughtUp, waitThreadsRunning, type TReplicaState } from './replica-state';
import { RESEED_SKIPPED, reseedSteps, userSchemas, type TReseedFacts } from './reseed-steps';
import { flushRepositionSteps, gtidRepositionSteps, reconnectSteps, relayResetSteps, restartSteps, skipOneSteps, type TStrategySteps } from './simple-steps';

const CATCH_UP_SECONDS = 120;

const ZStoredParams = z.object({ node: z.string().optional(), strategy: z.string().optional() });

const blankState: TReplicaState = { io: null, sql: null, ioErrno: null, ioError: null, sqlErrno: null, sqlError: null, usingGtid: null, relayFile: null, execPos: null, gtidSlavePos: null, gtidBinlogPos: null, secondsBehind: null };

export const repairDefinition: TActionDefinition<TRepairParams> = {
  kind: 'repair',
  policy: { confirm: true, antiFlap: false },
  parseParams: parseRepairParams,
  storedParams: storedRepairParams,
  prepare: async (ctx, params, options) => {
    const facts = await gatherAllFacts(ctx);
    const checks = [...(await repairPreflight(ctx, params, facts)), ...(await engineChecks(ctx, { ...options, antiFlap: false }))];
    const nodeFacts = facts.find((f) => f.name === params.node);
    const sourceFacts = facts.find((f) => f.name !== params.node);
    if (!nodeFacts || !sourceFacts) return { checks, steps: [], result: () => ({}) };
    const node = nodeFacts.target;
    const source = sourceFacts.target;
    const r = nodeFacts.poll?.mysql.replication ?? null;
    const before: TReplicaState = r
      ? { ...blankState, io: r.ioRunning, sql: r.sqlRunning, ioErrno: r.lastIoErrno || null, ioError: r.lastIoError, sqlErrno: r.lastSqlErrno || null, sqlError: r.lastSqlError, usingGtid: r.usingGtid, relayFile: r.relaySourceLogFile, execPos: r.execSourceLogPos, gtidSlavePos: nodeFacts.poll?.mysql.variables.gtid_slave_pos ?? null }
      : blankState;
    const reseed: TReseedFacts = { bytes: null, tables: null, position: { file: null, pos: null, gtid: null }, copyMs: null, catchUpMs: null, dropped: [] };
    const sourceSchemas = params.strategy === 'reseed' && sourceFacts.reachable && !sourceFacts.error ? await userSchemas(ctx, source).catch(() => []) : [];

    let strategy: TStrategySteps;
    switch (params.strategy) {
      case 'restart':
        strategy = restartSteps(ctx, node);
        break;
      case 'reconnect':
        strategy = reconnectSteps(ctx, node, params);
        break;
      case 'relay-reset':
        strategy = relayResetSteps(ctx, node, before);
        break;
      case 'gtid-reposition':
        strategy = gtidRepositionSteps(ctx, node);
        break;
      case 'skip-one':
        strategy = skipOneSteps(ctx, node, before);
        break;
      case 'flush-reposition':
        strategy = flushRepositionSteps(ctx, node, source, before);
        break;
      case 'reseed':
        strategy = reseedSteps(ctx, node, source, sourceSchemas, reseed);
        break;
    }

    let after: TReplicaState | null = null;
    let caughtUpMs: number | null = null;
    let drift: TChecksumReport | null = null;
    let driftSkipped: string | null = null;

    const verify: TStep = {
      key: 'verify-replication',
      title: `Check replication both ways and that ${node.name} catches up with ${source.name}`,
      node: null,
      commands: ['SHOW SLAVE STATUS on both nodes', `on ${node.name}: SELECT MASTER_GTID_WAIT('<${source.name}'s @@gtid_binlog_pos>', ${CATCH_UP_SECONDS});`],
      timeoutMs: (CATCH_UP_SECONDS + 60) * 1000,
      undo: null,
      run: async () => {
        after = await waitThreadsRunning(ctx, node, 30_000);
        await waitThreadsRunning(ctx, source, 30_000);
        const c = await waitCaughtUp(ctx, node, source, CATCH_UP_SECONDS);
        caughtUpMs = c.ms;
        after = await readReplicaState(ctx, node);
        ctx.log(`${node.name}: ${describeReplica(after)}; caught up with ${source.name} (${c.gtid}) in ${(c.ms / 1000).toFixed(1)} s; Seconds_Behind_Master ${after.secondsBehind ?? '?'}`);
        ctx.pollNow();
      },
    };

    const touchedNow = strategy.touched;
    const driftStep: TStep = {
      key: 'drift-check',
      title: params.strategy === 'skip-one' ? 'Drift check of the table the skipped transaction touched' : ['flush-reposition', 'reseed'].includes(params.strategy) ? 'Drift check of every table' : 'Drift check (only where the strategy could have changed data)',
      node: null,
      commands: driftCommands(sourceFacts.name, nodeFacts.name, undefined, pinModeOf(nodeFacts)),
      timeoutMs: 6 * 3600_000,
      undo: null,
      // The repair is done either way; a difference is reported, not undone.
      nonFatal: true,
      run: async () => {
        const only = touchedNow();
        if (only !== null && only.length === 0) {
          driftSkipped = `${params.strategy} skips and rewrites no event: nothing to compare`;
          ctx.log(driftSkipped);
          return;
        }
        // Points are taken on the writable node (the source, normally).
        const fresh = await gatherAllFacts(ctx);
        const writer = fresh.find((f) => f.readOnly === false) ?? fresh.find((f) => f.name === sourceFacts.name);
        const replica = fresh.find((f) => f.name !== writer?.name);
        if (!writer || !replica) throw new StepFailure('cannot tell the writer from the replica');
        const discovered = await discoverPair(ctx, writer, replica, null);
        drift = await runDriftCheck(ctx, { writer, replica, discovered, schemas: null, only, chunkTimeMs: params.chunkTimeMs, pin: pinModeOf(replica), order: ctx.targets.map((t) => t.name) });
        const differing = drift.tables.filter((t) => !t.equal);
        if (differing.length > 0) throw new StepFailure(`the nodes differ in ${differing.map((t) => `${t.schema}.${t.table}`).join(', ')}`);
      },
    };

    return {
      checks,
      steps: [...strategy.steps, verify, driftStep],
      result: () => ({
        node: node.name,
        source: source.name,
        strategy: params.strategy,
        before: describeReplica(before),
        after: after ? describeReplica(after) : null,
        caughtUpMs,
        changes: strategy.changes,
        equal: drift ? drift.equal : null,
        driftSkipped,
        drift,
        ...(params.strategy === 'reseed'
          ? { copy: { bytes: reseed.bytes, tables: reseed.tables, ms: reseed.copyMs, mbPerSecond: reseed.bytes !== null && reseed.copyMs ? Math.round((reseed.bytes / 1048576 / (reseed.copyMs / 1000)) * 100) / 100 : null, gtid: reseed.position.gtid, dropped: reseed.dropped, skippedSchemas: RESEED_SKIPPED } }
          : {}),
      }),
    };
  },
  adviceAfter: (raw: unknown, steps: TStepRecord[]) => {
    const parsed = ZStoredParams.safeParse(raw);
    const p = parsed.success ? parsed.data : {};
    const node = p.node ?? 'the node';
    const status = (key: string) => steps.find((s) => s.key === key)?.status ?? 'pending';
    if (p.strategy === 'reseed') {
      if (status('reset-target') === 'pending') return `The reseed stopped before it changed ${node}'s data. If replication was stopped on both nodes, START SLAVE on the healthy node; then acknowledge the run and start the reseed again.`;
      if (status('repoint-source') !== 'succeeded') return `The reseed had reset ${node}'s binary log and dropped its data, and did not finish: ${node} is incomplete and the healthy node does not replicate from it. ${node} is read-only and does not hold the VIP, so applications are not affected. Acknowledge the run and run the reseed again (tandem repair <cluster> --node ${node} --strategy reseed).`;
    }
    return `Check ${node}'s replication (tandem diagnose <cluster>) and run a drift check (tandem checksum <cluster>), then acknowledge the run.`;
  },
};
