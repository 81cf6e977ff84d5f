// Failover drill benchmark (root, lab): the figures a drill reports, per
// failure kind and lab kind, beside the lab's own measurement of the same
// moments in the same run:
// - `labctl writer` (the application user, 20 writes/s through the VIP, a new
//   connection per write, on a fixed schedule) runs beside each drill, and
//   `labctl verify` then counts its rows: its longest outage and lost writes;
// - bench/vip-watcher.ts follows the namespaces' address events: when the
//   peer really held the VIP alone.
// Per lab kind (default = both BACKUP + nopreempt; --fast-failover = node1
// MASTER + preempt), each failure kind BENCH_DRILLS times (default 5), on the
// VIP holder, 5 s hold. Reported: median and max of detectedMs, vipMovedMs,
// writeOutageMs, readOutageMs, restoredMs, caughtUpMs, lost; the witnesses'
// outage and move; verdicts; this process's longest event-loop stall and
// garbage-collector time per drill. Writes bench/results/drill.json.
// Run as root, alone on the lab: flock /work/lab.lock npm run bench:drill
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { DEFAULT_OPTIONS, labPaths, type TLabOptions } from '../lab/config';
import { labDown } from '../lab/down';
import { labUp } from '../lab/up';
import { verifyWrites } from '../lab/verify';
import { runWriter } from '../lab/writer';
import { sleep } from '../lab/sys';
import { startVipWitness } from '../test/support/vip-witness';
import { watchProcessStalls, type TProcessStalls } from './process-stalls';
import { median, round } from './stats';
import { benchWorkDir } from './work-dir';

const DRILLS = Number(process.env.BENCH_DRILLS ?? 5);
const HOLD = Number(process.env.BENCH_HOLD ?? 5);
const FAILURES = (process.env.BENCH_FAILURES ?? 'stop-mysqld,kill-mysqld,stop-keepalived,isolate').split(',');
const KINDS: { name: string; options: TLabOptions }[] = [
  { name: 'default', options: DEFAULT_OPTIONS },
  { name: 'fast-failover', options: { ...DEFAULT_OPTIONS, fastFailover: true } },
].filter((k) => (process.env.BENCH_LAB_KINDS ?? 'default,fast-failover').split(',').includes(k.name));

const dir = benchWorkDir('drill');
process.env.DATABASE_URL = `file:${path.join(dir, 'tandem.db')}`;
process.env.TANDEM_DATA_DIR = path.join(dir, 'data');

const { getDb, closeDatabase } = await import('../lib/db/client');
const { importCluster } = await import('../lib/clusters/import-cluster');
const { parseWith, ZClusterDocumentSchema } = await import('../lib/clusters/schema');
const { startCollector, stopCollector, pollClusterNow, liveSnapshot } = await import('../lib/collector/collector');
const { startAction } = await import('../lib/actions/start-action');
const { actionPool } = await import('../lib/actions/action-pool');
const { setActionSinks } = await import('../lib/actions/action-hub');
const { loadRunView } = await import('../lib/actions/run-view');
const { SETUP_FINDINGS } = await import('../lib/actions/drill/preflight');

type TFigures = Record<string, number | null>;
// `injected`: the failure was injected. A drill refused or failed before that
// (e.g. in probe-start) has no figures to compare and is counted apart.
// `process`: this process's event loop and garbage collector during the
// drill. Tandem (collector, engine, the drill's probe) runs here, as in the
// server, so a stall here is a stall of Tandem's pushes and probe timings.
type TOne = { failure: string; injected: boolean; verdict: string | null; reasons: string[]; drill: TFigures; witness: TFigures; process: TFigures };

const figuresOf = (r: Record<string, unknown>): TFigures => {
  const writes = (r.writes ?? {}) as Record<string, unknown>;
  const n = (v: unknown) => (typeof v === 'number' ? v : null);
  return { detectedMs: n(r.detectedMs), vipMovedMs: n(r.vipMovedMs), writeOutageMs: n(r.writeOutageMs), readOutageMs: n(r.readOutageMs), restoredMs: n(r.restoredMs), caughtUpMs: n(r.caughtUpMs), lost: n(writes.lost), twoHoldersMs: n(r.twoHoldersMs), twoWritableMs: n(r.twoWritableMs) };
};

const summarise = (list: TFigures[]): Record<string, { median: number | null; max: number | null }> => {
  const keys = new Set(list.flatMap((f) => Object.keys(f)));
  return Object.fromEntries(
    [...keys].map((k) => {
      const xs = list.map((f) => f[k]).filter((x): x is number => typeof x === 'number');
      return [k, { median: xs.length ? round(median(xs)) : null, max: xs.length ? Math.max(...xs) : null }];
    }),
  );
};

const gap = (a: number | null | undefined, b: number | null | undefined): number | null => (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) : null);

const waitHealthy = async (timeoutMs = 120_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const s = liveSnapshot('lab');
    if (s && s.vip.holders.length === 1 && s.findings.every((f) => f.severity === 'info' || SETUP_FINDINGS.has(f.code)) && s.nodes.every((n) => n.replication?.ioRunning === 'Yes' && n.replication.sqlRunning === 'Yes' && (n.replication.secondsBehindSource ?? 9) <= 1)) return;
    await sleep(500);
  }
  throw new Error(`the lab did not become healthy: ${JSON.stringify(liveSnapshot('lab')?.findings)}`);
};

const drillOnce = async (failure: string): Promise<TOne> => {
  const watcher = startVipWitness();
  const { moves } = watcher;
  const out = path.join(dir, `writer-${Date.now()}.jsonl`);
  let stop = false;
  const writer = runWriter({ durationS: 3600, rate: 20, out, shouldStop: () => stop });
  let stalls: { stop: () => TProcessStalls } | undefined;
  try {
    await sleep(1000);
    const db = await getDb();
    stalls = watchProcessStalls();
    const started = await startAction({ db, pool: actionPool(db), cluster: 'lab', who: { actor: 'bench', role: 'admin' }, body: { kind: 'drill', params: { failure, holdSeconds: HOLD }, confirm: 'lab' } });
    if (started.kind !== 'started') throw new Error('the drill did not start');
    await started.started.done;
    const during = stalls.stop();
    stop = true;
    await writer;
    const run = await loadRunView(db, started.started.run.id);
    const r = (run?.result ?? {}) as Record<string, unknown>;
    const v = await verifyWrites({ file: out });
    const injectedAt = Date.parse(String(r.injectedAt));
    const injectStart = Date.parse(run?.steps.find((s) => s.key === 'inject')?.startedAt ?? '');
    const moved = moves.find((m) => m.t >= injectStart && m.holders !== '' && !m.holders.includes(',') && m.holders !== String(r.node));
    return {
      failure,
      injected: Number.isFinite(injectedAt),
      verdict: typeof r.verdict === 'string' ? r.verdict : null,
      // Without a verdict the run's error is the reason (a failed step).
      reasons: Array.isArray(r.reasons) && r.reasons.length > 0 ? r.reasons.map(String) : typeof r.verdict === 'string' ? [] : [run?.error ?? `ended ${run?.status ?? 'without a record'}`],
      drill: figuresOf(r),
      witness: { writeOutageMs: v.longestOutageMs, lost: v.lost, vipMovedMs: moved ? moved.t - injectedAt : null },
      process: during,
    };
  } finally {
    stalls?.stop();
    stop = true;
    watcher.stop();
  }
};

const main = async () => {
  const results: Record<string, unknown>[] = [];
  console.error(`bench:drill on ${cpus().length} cores, ${DRILLS} drill(s) per failure kind and lab kind, hold ${HOLD} s`);
  for (const kind of KINDS) {
    await labDown();
    await labUp(kind.options);
    const db = await getDb();
    await importCluster({ db, doc: parseWith(ZClusterDocumentSchema, { ...JSON.parse(readFileSync(labPaths.inventory, 'utf8')), heartbeat: true, switchoverCooldownSeconds: 0 }) });
    setActionSinks({ push: () => undefined, pollNow: pollClusterNow });
    startCollector({ db, sinks: { onSnapshot: () => undefined, onEvent: () => undefined } });
    await waitHealthy();
    for (const failure of FAILURES) {
      const runs: TOne[] = [];
      for (let i = 0; i < DRILLS; i++) {
        const one = await drillOnce(failure);
        runs.push(one);
        console.error(`${kind.name} ${failure} #${i + 1}: ${one.verdict} ${JSON.stringify(one.drill)} witness ${JSON.stringify(one.witness)} process ${JSON.stringify(one.process)}${one.reasons.length ? ` ${one.reasons.join('; ')}` : ''}`);
        await waitHealthy();
      }
      // Figures only from drills that injected their failure: a writer
      // beside a drill that never injected saw no outage worth comparing.
      const injected = runs.filter((r) => r.injected);
      results.push({
        lab: kind.name,
        failure,
        drills: runs.length,
        passed: runs.filter((r) => r.verdict === 'passed').length,
        notInjected: runs.length - injected.length,
        drill: summarise(injected.map((r) => r.drill)),
        witness: summarise(injected.map((r) => r.witness)),
        process: summarise(runs.map((r) => r.process)),
        // How far the drill's figures are from the witnesses', per run.
        disagreement: summarise(injected.map((r) => ({ writeOutageMs: gap(r.drill.writeOutageMs, r.witness.writeOutageMs), vipMovedMs: gap(r.drill.vipMovedMs, r.witness.vipMovedMs) }))),
        reasons: [...new Set(runs.flatMap((r) => r.reasons))],
      });
    }
    await stopCollector();
  }
  await labDown();
  const result = { at: new Date().toISOString(), machine: { cpus: cpus().length, loadavg: loadavg().map((l) => round(l, 2)) }, drillsPerCell: DRILLS, holdSeconds: HOLD, results };
  writeFileSync('bench/results/drill.json', `${JSON.stringify(result, null, 2)}\n`);
  for (const r of results) {
    const d = r.drill as Record<string, { median: number | null; max: number | null }>;
    const w = r.witness as Record<string, { median: number | null; max: number | null }>;
    const p = r.process as Record<string, { median: number | null; max: number | null }>;
    const f = (x?: { median: number | null; max: number | null }) => `${x?.median ?? '–'}/${x?.max ?? '–'}`;
    console.log(`${String(r.lab).padEnd(14)} ${String(r.failure).padEnd(16)} passed ${r.passed}/${r.drills}${r.notInjected ? ` (${r.notInjected} not injected)` : ''}  detected ${f(d.detectedMs)}  VIP ${f(d.vipMovedMs)} (watch ${f(w.vipMovedMs)})  write outage ${f(d.writeOutageMs)} (writer ${f(w.writeOutageMs)})  read ${f(d.readOutageMs)}  restored ${f(d.restoredMs)}  caught up ${f(d.caughtUpMs)}  lost ${f(d.lost)} (writer ${f(w.lost)})  loop max ${f(p.loopMaxMs)} GC ${f(p.gcTotalMs)} ms`);
  }
  await closeDatabase();
};

main().then(
  () => process.exit(0),
  async (e: unknown) => {
    console.error(e);
    await labDown().catch(() => undefined);
    process.exit(1);
  },
);
