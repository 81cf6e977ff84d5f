import { DRILL_TABLE, prepareDrillTable, startDrillProbe, type TDrillProbe } from '@/agents/drill-probe';
import { startSampler, type TSampler } from '@/agents/drill-sampler';
import { runSql } from '@/agents/action-sql';
import type { TNodeTarget } from '@/agents/node-target';
import { runServiceCommand } from '@/agents/service-command';
import { ipAddrHolds } from '@/lib/collector/node-memory';
import { pollNode } from '@/lib/collector/poll-node';
import { RunAborted, StepFailure, type TActionContext, type TStep } from '../types';
import type { TDrillParams } from './preflight';
import type { TDrillEvidence } from './report';
import { BINLOG_FILE } from '@/lib/parsers/binlog-file';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A service command may take a while (a clean shutdown flushes the buffer
// pool; a start runs crash recovery after a kill).
const SERVICE_TIMEOUT_MS = 120_000;
const BASELINE_MS = 1500;
// Longest wait for every node's first watch sample, from when the watch started.
const FIRST_SAMPLE_WAIT_MS = 15_000;
const SETTLE_TIMEOUT_MS = 120_000;
// The pair counts as whole once one holder has stayed put this long. Where
// the VIP may move back after the restore (preempt: a healed node is back
// in BACKUP after its checks rise, then preempts at the next advert), longer.
const STEADY_MS = 3000;
const STEADY_PREEMPT_MS = 6000;
const CATCH_UP_SECONDS = 60;
const READ_RATE = 10;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// What a drill keeps while it runs: the evidence (the report is computed
// from it at the end), the probe and the samplers.
export type TDrillSession = {
  evidence: TDrillEvidence;
  probe: TDrillProbe | null;
  samplers: TSampler[];
  stopWatching: () => Promise<void>;
};

export const newDrillSession = (e: TDrillEvidence): TDrillSession => {
  const session: TDrillSession = {
    evidence: e,
    probe: null,
    samplers: [],
    stopWatching: async () => {
      const probe = session.probe;
      session.probe = null;
      for (const s of session.samplers) s.stop();
      session.samplers = [];
      if (probe) {
        await probe.stop();
        e.attempts = probe.attempts();
        e.skipped = probe.skipped();
      }
    },
  };
  return session;
};

type TPairView = { holders: string[]; writable: string[]; problems: string[] };

// One fresh poll of every node: who holds the VIP, who is writable, and
// what keeps the pair from being whole.
const pairView = async (ctx: TActionContext): Promise<TPairView> => {
  const polls = await Promise.all(ctx.targets.map(async (t) => ({ t, p: await pollNode({ pool: ctx.pool, target: t, cursor: 'none' }) })));
  const view: TPairView = { holders: [], writable: [], problems: [] };
  for (const { t, p } of polls) {
    if (!p.reachable) {
      view.problems.push(`${t.name} unreachable: ${p.error}`);
      continue;
    }
    if (ipAddrHolds(p.ipAddr, ctx.cluster.vip)) view.holders.push(t.name);
    if (!p.mysql.reachable) {
      view.problems.push(`${t.name}: MySQL does not answer`);
      continue;
    }
    const ro = p.mysql.variables.read_only;
    if (ro === 'OFF' || ro === '0') view.writable.push(t.name);
    const r = p.mysql.replication;
    if (!r || r.ioRunning !== 'Yes' || r.sqlRunning !== 'Yes' || r.lastIoErrno || r.lastSqlErrno) view.problems.push(`${t.name}: replication IO ${r?.ioRunning ?? '?'}, SQL ${r?.sqlRunning ?? '?'}${r?.lastIoErrno ? `, IO error ${r.lastIoErrno}` : ''}${r?.lastSqlErrno ? `, SQL error ${r.lastSqlErrno}` : ''}`);
    if (!p.keepalived.running) view.problems.push(`${t.name}: keepalived not running`);
  }
  if (view.holders.length !== 1) view.problems.push(`VIP holders: ${view.holders.join(', ') || 'none'}`);
  if (view.writable.length !== 1 || view.writable[0] !== view.holders[0]) view.problems.push(`writable: ${view.writable.join(', ') || 'none'}`);
  return view;
};

const masterCoords = async (ctx: TActionContext, t: TNodeTarget): Promise<{ file: string; position: number }> => {
  const [file, pos] = (await runSql(ctx.pool, t, 'SHOW MASTER STATUS;', 5000))[0] ?? [];
  if (!file || !BINLOG_FILE.test(file) || !pos || !/^\d+$/.test(pos)) throw new StepFailure(`${t.name} reports no binary log position`);
  return { file, position: Number(pos) };
};

const flag = async (ctx: TActionContext): Promise<{ abort: boolean; restore: boolean }> => {
  if (!ctx.runId) return { abort: false, restore: false };
  const run = await ctx.db.actionRun.findUnique({ where: { id: ctx.runId }, select: { abortRequested: true, restoreRequested: true } });
  return { abort: run?.abortRequested ?? false, restore: run?.restoreRequested ?? false };
};

export const drillSteps = (ctx: TActionContext, params: TDrillParams, session: TDrillSession, commands: { inject: string; restore: string } | null, options: { mayPreempt: boolean }): TStep[] => {
  const steadyMs = options.mayPreempt ? STEADY_PREEMPT_MS : STEADY_MS;
  const e = session.evidence;
  const target = ctx.targets.find((t) => t.name === e.node);
  const probeUser = ctx.probe?.user ?? '(no probe credential)';
  const inject = commands?.inject ?? '(no command configured)';
  const restore = commands?.restore ?? '(no command configured)';
  let restored = false;

  const runRestore = async () => {
    if (!target || !commands) throw new StepFailure('no restore command');
    e.restoreStartedAt = Date.now();
    const r = await runServiceCommand(ctx.pool, target, commands.restore, SERVICE_TIMEOUT_MS);
    if (r.output) ctx.log(r.output);
    if (!r.ok) throw new StepFailure(`${commands.restore} exited ${r.code ?? 'without a code'} on ${target.name}`);
    restored = true;
    e.restoredAt = Date.now();
    ctx.log(`restored in ${r.ms} ms`);
    ctx.pollNow();
  };

  const startWatching = async () => {
    const probe = ctx.probe;
    if (!probe) throw new StepFailure('no probe credential');
    const maxSeconds = params.holdSeconds + 600;
    // The watch first: its channels take a moment to open.
    const watchStartedAt = Date.now();
    session.samplers = ctx.targets.map((t) => startSampler({ pool: ctx.pool, target: t, vip: ctx.cluster.vip, maxSeconds, onSample: (s) => e.samples.push(s), onError: (message) => ctx.log(`watch of ${t.name} reconnecting: ${message}`) }));
    await prepareDrillTable(ctx.cluster.vip, probe);
    // The rows are counted with Tandem's own user at the end: prove now that it can.
    for (const t of ctx.targets) await runSql(ctx.pool, t, `SELECT COUNT(*) FROM ${DRILL_TABLE} WHERE run_id = '${e.runId}';`, 5000).catch((err: unknown) => {
      throw new StepFailure(`${t.name}: cannot read ${DRILL_TABLE} as ${t.mysql.user} (${err instanceof Error ? err.message : String(err)})`);
    });
    e.probeStartedAt = Date.now();
    session.probe = startDrillProbe({ vip: ctx.cluster.vip, credentials: probe, runId: e.runId, writesPerSecond: params.writesPerSecond, readsPerSecond: READ_RATE, maxSeconds });
    await sleep(BASELINE_MS);
    const acked = session.probe.attempts().filter((a) => a.kind === 'write' && a.ok).length;
    ctx.log(`baseline: ${acked} writes acknowledged in ${BASELINE_MS} ms`);
    if (acked === 0) throw new StepFailure(`no probe write was acknowledged in ${BASELINE_MS} ms before the failure: the drill would measure nothing`);
    // A slow node gets a moment more: its first sample needs a new SSH
    // channel, a shell and a mysql client, which took over 6 s on a loaded
    // 2-core machine. Counted from when the watch started, within the step's
    // 20 s; nothing has been injected yet, so waiting costs only time.
    const deadline = watchStartedAt + FIRST_SAMPLE_WAIT_MS;
    const silent = () => ctx.targets.filter((t) => !e.samples.some((s) => s.node === t.name && s.readOnly !== null));
    while (silent().length > 0 && Date.now() < deadline) await sleep(100);
    if (silent().length > 0) throw new StepFailure(`no VIP/read_only sample from ${silent().map((t) => t.name).join(', ')}`);
    ctx.log(`watching ${ctx.targets.map((t) => t.name).join(', ')}: VIP and read_only`);
  };

  return [
    {
      key: 'probe-start',
      title: `Start the probe through the VIP as ${probeUser} and watch every node`,
      node: null,
      commands: [
        `through ${ctx.cluster.vip} as ${probeUser}: CREATE TABLE IF NOT EXISTS ${DRILL_TABLE} (…)`,
        `every ${Math.round(1000 / params.writesPerSecond)} ms, a new connection: INSERT INTO ${DRILL_TABLE} (run_id, seq, server_id, written_at) VALUES ('${e.runId}', <seq>, @@server_id, NOW(6))`,
        `every ${Math.round(1000 / READ_RATE)} ms, a new connection: SELECT @@server_id`,
        'on every node: ip -tshort -o monitor address (re-read every second); every 100 ms: SELECT @@global.read_only, UNIX_TIMESTAMP(NOW(6)) — each reading timed by the node',
      ],
      timeoutMs: 20_000,
      undo: ['stop the probe and the watch'],
      run: async () => {
        // A start that fails is not undone by the engine (it never completed): stop what it started here.
        try {
          await startWatching();
        } catch (err) {
          await session.stopWatching();
          throw err;
        }
      },
      undoRun: async () => {
        await session.stopWatching();
      },
    },
    {
      key: 'inject',
      title: `Break ${e.node}: ${params.failure}`,
      node: e.node,
      commands: [inject],
      timeoutMs: SERVICE_TIMEOUT_MS,
      undo: [restore],
      // Nothing is broken unless the probe and the watch are there to see it.
      precondition: async () => (session.probe && session.samplers.length === ctx.targets.length ? null : 'the probe and the watch are not running'),
      run: async () => {
        if (!target || !commands) throw new StepFailure(`no ${params.failure} command for ${e.node}`);
        e.injectStartedAt = Date.now();
        const r = await runServiceCommand(ctx.pool, target, commands.inject, SERVICE_TIMEOUT_MS);
        e.injectedAt = Date.now();
        if (r.output) ctx.log(r.output);
        ctx.pollNow();
        if (!r.ok) throw new StepFailure(`${commands.inject} exited ${r.code ?? 'without a code'} on ${e.node}`);
        ctx.log(`injected in ${r.ms} ms`);
      },
      undoRun: async () => {
        if (!restored) await runRestore();
      },
    },
    {
      key: 'hold',
      title: `Hold the failure ${params.holdSeconds} s (Restore now ends it early) and watch`,
      node: null,
      commands: [`wait ${params.holdSeconds} s while the probe runs`],
      timeoutMs: params.holdSeconds * 1000 + 5000,
      undo: null,
      run: async () => {
        const until = (e.injectedAt ?? Date.now()) + params.holdSeconds * 1000;
        while (Date.now() < until) {
          const f = await flag(ctx);
          if (f.abort) throw new RunAborted('aborted during the hold');
          if (f.restore) {
            ctx.log(`Restore now: ended the hold ${Math.round((until - Date.now()) / 1000)} s early`);
            break;
          }
          await sleep(Math.min(250, Math.max(0, until - Date.now())));
        }
        const attempts = session.probe?.attempts() ?? [];
        const since = attempts.filter((a) => a.kind === 'write' && a.t >= (e.injectedAt ?? 0));
        ctx.log(`since the failure: ${since.filter((a) => a.ok).length} writes acknowledged, ${since.filter((a) => !a.ok).length} failed`);
      },
    },
    {
      key: 'restore',
      title: `Restore ${e.node}`,
      node: e.node,
      commands: [restore],
      timeoutMs: SERVICE_TIMEOUT_MS,
      undo: null,
      precondition: async () => (e.injectedAt !== null ? null : 'the failure was never injected'),
      run: runRestore,
    },
    {
      key: 'settle',
      title: 'Wait until the pair is whole: replication both ways, one VIP holder, the only writer',
      node: null,
      commands: [`poll every node every second until replication runs both ways and one node holds the VIP and alone is writable for ${steadyMs / 1000} s (up to ${SETTLE_TIMEOUT_MS / 1000} s)`],
      timeoutMs: SETTLE_TIMEOUT_MS,
      undo: null,
      nonFatal: true,
      run: async () => {
        const started = Date.now();
        let steadySince: number | null = null;
        let steadyHolder: string | null = null;
        let last: TPairView | null = null;
        while (Date.now() - started < SETTLE_TIMEOUT_MS - 3000) {
          last = await pairView(ctx);
          const holder = last.holders.length === 1 ? (last.holders[0] ?? null) : null;
          if (last.problems.length === 0 && holder !== null) {
            if (holder !== steadyHolder) {
              steadyHolder = holder;
              steadySince = Date.now();
              e.wholeAt ??= Date.now();
            }
            if (steadySince !== null && Date.now() - steadySince >= steadyMs) {
              e.whole = true;
              e.finalHolder = holder;
              e.wholeDetail = `${holder} holds the VIP and alone is writable; replication runs both ways`;
              ctx.log(e.wholeDetail);
              return;
            }
          } else {
            steadyHolder = null;
            steadySince = null;
          }
          await sleep(1000);
        }
        e.whole = false;
        e.finalHolder = last && last.holders.length === 1 ? (last.holders[0] ?? null) : null;
        e.wholeDetail = last?.problems.join('; ') ?? 'no poll answered';
        throw new StepFailure(`the pair is not whole: ${e.wholeDetail}`);
      },
    },
    {
      key: 'probe-stop',
      title: 'Stop the probe and the watch',
      node: null,
      commands: ['stop scheduling probe attempts; wait for those in flight; close the watch channels'],
      timeoutMs: 10_000,
      undo: null,
      run: async () => {
        await session.stopWatching();
        const rows = await ctx.db.clusterEvent.findMany({ where: { clusterId: ctx.cluster.id, at: { gte: new Date((e.probeStartedAt ?? Date.now()) - 1000) } }, orderBy: { at: 'asc' }, take: 1000 });
        e.events = rows.map((r) => ({ t: r.at.getTime(), kind: r.kind, node: r.node, severity: r.severity, message: r.message }));
        ctx.log(`${e.attempts.length} probe attempts, ${e.samples.length} node samples, ${e.events.length} monitor events`);
      },
    },
    {
      key: 'catch-up',
      title: 'Wait until each node has applied everything the other wrote',
      node: null,
      commands: ctx.targets.map((t) => `on ${t.name}: SELECT MASTER_POS_WAIT('<${ctx.targets.find((p) => p.name !== t.name)?.name ?? 'peer'}'s binlog file>', <position>, ${CATCH_UP_SECONDS})`),
      timeoutMs: (CATCH_UP_SECONDS + 10) * 1000,
      undo: null,
      nonFatal: true,
      run: async () => {
        const results = await Promise.all(
          ctx.targets.map(async (t) => {
            const peer = ctx.targets.find((p) => p.name !== t.name);
            if (!peer) return `${t.name}: no peer`;
            const c = await masterCoords(ctx, peer);
            const v = (await runSql(ctx.pool, t, `SELECT MASTER_POS_WAIT('${c.file}', ${c.position}, ${CATCH_UP_SECONDS});`, (CATCH_UP_SECONDS + 5) * 1000))[0]?.[0];
            return v === undefined || v === 'NULL' ? `${t.name}: its SQL thread is not running` : v === '-1' ? `${t.name}: not at ${peer.name}'s ${c.file}:${c.position} after ${CATCH_UP_SECONDS} s` : null;
          }),
        );
        const problems = results.filter((r): r is string => r !== null);
        if (problems.length > 0) {
          e.caughtUpDetail = problems.join('; ');
          throw new StepFailure(e.caughtUpDetail);
        }
        e.caughtUpAt = Date.now();
        ctx.log('every node has applied the other\'s binary log up to its position at the start of this step');
      },
    },
    {
      key: 'verify',
      title: 'Count the probe\'s rows on every node',
      node: null,
      commands: ctx.targets.map((t) => `on ${t.name}: SELECT seq, COUNT(*) FROM ${DRILL_TABLE} WHERE run_id = '${e.runId}' GROUP BY seq`),
      timeoutMs: 30_000,
      undo: null,
      // Counting while probe writes are still in flight would call them lost.
      precondition: async () => (session.probe === null ? null : 'the probe is still writing'),
      run: async () => {
        if (!UUID_RE.test(e.runId)) throw new StepFailure('bad probe run id');
        try {
          e.rows = await Promise.all(
            ctx.targets.map(async (t) => {
              const rows = await runSql(ctx.pool, t, `SELECT seq, COUNT(*) FROM ${DRILL_TABLE} WHERE run_id = '${e.runId}' GROUP BY seq;`, 20_000);
              return { node: t.name, counts: Object.fromEntries(rows.map(([seq = '', c = '0']) => [seq, Number(c)])) };
            }),
          );
        } catch (err) {
          e.verifyError = err instanceof Error ? err.message : String(err);
          throw err;
        }
        for (const r of e.rows) ctx.log(`${r.node}: ${Object.keys(r.counts).length} distinct probe rows`);
      },
    },
  ];
};
