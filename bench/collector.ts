// Collector benchmark (root, lab). What a user sees, from outside:
// - VIP move → browser: an independent watcher process (bench/vip-watcher.ts)
//   follows the addresses in the node namespaces (`ip monitor address`,
//   kernel events); each move is timed from the moment it saw the new holder set to the first
//   cluster:state a Socket.IO client receives with exactly that set. Every
//   push is also checked against the watcher: one that stood wrong for more
//   than 250 ms is a contradiction. Run on the default lab and on
//   --fast-failover, with load beside it (labctl writer at 20 writes/s and a
//   busy loop on one core), with the log stream (today) and polling only
//   (the baseline) in the same run. Default lab (nopreempt): each move stops
//   the holder's mysqld, which then returns as BACKUP; --fast-failover
//   (preempt): node1 stops, then returns and takes the VIP back.
// - Poll cost on the node (bench/poll-cost.ts): processes, wall time and
//   bytes per poll, today's agent beside the one before issue 10.
// - Control-plane CPU per node-poll at 1 poll/s per node, quiet lab: the
//   poll path alone (old agent beside today's), and the whole collector
//   (log streams, snapshots, history writes, heartbeat) as shipped.
// Writes bench/results/collector.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { io as connect } from 'socket.io-client';
import { loadTargets } from '../agents/load-targets';
import { sshExecCount } from '../agents/run-on-node';
import { createSshPool } from '../agents/ssh-pool';
import { pollCount } from '../lib/collector/poll-node';
import { DEFAULT_OPTIONS, isPreempt, type TLabOptions } from '../lab/config';
import { keepalivedState } from '../lab/keepalived';
import { labDown } from '../lab/down';
import { runFault } from '../lab/fault';
import { holdsVip } from '../lab/network';
import { waitFor, sleep } from '../lab/sys';
import { labUp } from '../lab/up';
import { startTandem, type TTandem } from './fleet/tandem-process';
import { measurePollCost, measurePollPathCpu } from './poll-cost';
import { median, percentile, round } from './stats';
import { contradictions, moveLatency, type TPush, type TTruthChange } from './vip-truth';
import { benchWorkDir } from './work-dir';

const MOVES = Number(process.env.BENCH_MOVES ?? 6);
const dir = benchWorkDir('collector');
// The data directory's default database, so the production server started
// on it below (measureServerCpu) finds the same inventory and key.
mkdirSync(path.join(dir, 'data'), { recursive: true });
process.env.DATABASE_URL = `file:${path.join(dir, 'data', 'tandem.db')}`;
process.env.TANDEM_DATA_DIR = path.join(dir, 'data');

const { getDb, closeDatabase } = await import('../lib/db/client');
const { importCluster } = await import('../lib/clusters/import-cluster');
const { deleteCluster } = await import('../lib/clusters/delete-cluster');
const { parseWith, ZClusterDocumentSchema } = await import('../lib/clusters/schema');
const { startCollector, stopCollector } = await import('../lib/collector/collector');
const { resetEnvCache } = await import('../lib/env');
const { createToken } = await import('../lib/tokens/create-token');
const { attachRealtime, publishEvent, publishSnapshot } = await import('../lib/realtime/attach-realtime');

type TState = { vip: { holders: string[] } };
const children: ChildProcess[] = [];

const startChild = (cmd: string, args: string[]): ChildProcess => {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  return child;
};
const stopChildren = () => {
  for (const c of children.splice(0)) if (c.pid !== undefined && c.exitCode === null) process.kill(c.pid, 'SIGTERM');
};

const startWatcher = (): TTruthChange[] => {
  const truth: TTruthChange[] = [];
  const w = startChild(process.execPath, ['--import', 'tsx', 'bench/vip-watcher.ts', 'node1,node2']);
  if (w.stdout) createInterface({ input: w.stdout }).on('line', (l) => truth.push(JSON.parse(l) as TTruthChange));
  return truth;
};

// Load beside the measurement: writes through the VIP and one busy core.
const startLoad = (seconds: number) => {
  startChild('lab/labctl', ['writer', '--duration', String(seconds), '--rate', '20', '--out', path.join(dir, `writer-${Date.now()}.jsonl`)]);
  startChild(process.execPath, ['-e', 'for (;;) {}']);
};

const measureMoves = async (logStream: boolean, preempt: boolean) => {
  process.env.TANDEM_LOG_STREAM = logStream ? 'on' : 'off';
  resetEnvCache();
  const db = await getDb();
  const http = createServer();
  attachRealtime(http, 'bench');
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const addr = http.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  startCollector({ db, sinks: { onSnapshot: publishSnapshot, onEvent: publishEvent } });
  const { token } = await createToken({ db, name: `bench-${Date.now()}`, role: 'viewer', createdBy: 'bench' });
  const client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], auth: { token } });
  const pushes: TPush[] = [];
  client.on('cluster:state', (s: TState) => pushes.push({ at: Date.now(), holders: [...s.vip.holders].sort().join(',') }));
  await new Promise<void>((resolve) => client.on('connect', () => client.emit('subscribe', { cluster: 'lab' }, () => resolve())));
  await waitFor('the VIP holder in the pushed state', () => pushes.at(-1)?.holders === (holdsVip('node1') ? 'node1' : 'node2'), 30_000, 50);
  const truth = startWatcher();
  startLoad(MOVES * 15 + 40);
  // Measure under steady load, not while the watcher and the writer start.
  await sleep(6000);

  const started = Date.now();
  const delays: number[] = [];
  for (let i = 0; i < MOVES; i++) {
    const from = holdsVip('node1') ? 'node1' : 'node2';
    const to = from === 'node1' ? 'node2' : 'node1';
    const preemptBack = preempt && i % 2 === 1;
    const t0 = Date.now();
    if (preemptBack) {
      // The stopped node1 returns and preempts.
      await runFault('start-mysqld', 'node1');
    } else {
      await runFault('stop-mysqld', from);
    }
    await waitFor(`VIP on ${to}`, () => holdsVip(to) && !holdsVip(from), 30_000, 20);
    await sleep(1500);
    const delay = moveLatency(truth, pushes, to, t0);
    if (delay === undefined) throw new Error(`no push with holders ${to} after move ${i}`);
    delays.push(delay);
    // nopreempt: the stopped node returns as BACKUP and the VIP stays.
    if (!preempt) {
      await runFault('start-mysqld', from);
      await waitFor(`${from} back as BACKUP`, () => keepalivedState(from) === 'BACKUP', 30_000, 100);
    }
    await sleep(1500);
  }
  const ended = Date.now();
  stopChildren();
  await runFault('start-mysqld', 'node1');
  await runFault('start-mysqld', 'node2');
  client.close();
  await stopCollector();
  await new Promise<void>((r) => http.close(() => r()));
  const judged = pushes.filter((p) => p.at >= started && p.at <= ended);
  const wrong = contradictions(truth.filter((c) => c.t0 <= ended), judged, ended);
  return {
    moves: delays.length,
    p50Ms: round(median(delays)),
    p95Ms: round(percentile(delays, 95)),
    maxMs: Math.max(...delays),
    contradictingPushes: wrong.length,
    pushes: judged.length,
    raw: { delays, contradictions: wrong, timeline: { truth: truth.filter((c) => c.t0 >= started && c.t0 <= ended).map((c) => [c.t0 - started, c.holders]), pushes: judged.map((p) => [p.at - started, p.holders]) } },
  };
};

// Median of 3 windows of 10 s with the collector polling both nodes (log
// stream on, as shipped): once from 5 s after start (cold, as measured before),
// once more after WARM_AFTER_MS. At 2 polls/s V8 goes on optimising the
// collector's code for minutes (its compiler threads were ≈ 40 % of the
// process's CPU in the first minute); a server runs for days, so the warm
// figure is the one it lives with.
const WARM_AFTER_MS = 150_000;
const measureCpu = async () => {
  process.env.TANDEM_LOG_STREAM = 'on';
  resetEnvCache();
  const db = await getDb();
  const started = Date.now();
  startCollector({ db, sinks: { onSnapshot: () => undefined, onEvent: () => undefined } });
  const windowsFrom = async () => {
    const windows: { polls: number; cpuMsPerPoll: number; roundTripsPerPoll: number }[] = [];
    for (let w = 0; w < 3; w++) {
      const execBefore = sshExecCount();
      const pollsBefore = pollCount();
      const cpuBefore = process.cpuUsage();
      await sleep(10_000);
      const cpu = process.cpuUsage(cpuBefore);
      const polls = pollCount() - pollsBefore;
      windows.push({ polls, cpuMsPerPoll: round((cpu.user + cpu.system) / 1000 / Math.max(1, polls), 2), roundTripsPerPoll: round((sshExecCount() - execBefore) / Math.max(1, polls), 2) });
    }
    return { windows, cpuMsPerPoll: median(windows.map((w) => w.cpuMsPerPoll)), roundTripsPerPoll: median(windows.map((w) => w.roundTripsPerPoll)) };
  };
  await sleep(5000);
  const cold = await windowsFrom();
  await sleep(Math.max(0, started + WARM_AFTER_MS - Date.now()));
  const warm = await windowsFrom();
  await stopCollector();
  return { cold, warm, warmAfterSeconds: WARM_AFTER_MS / 1000 };
};

// The same from outside: the production server as `npm start` runs it
// (Next.js, Socket.IO, the action watcher, the notifier beside the
// collector), its process tree's CPU from /proc over three 20 s windows
// after WARM_AFTER_MS, with nothing open in a browser and nothing scraping
// /metrics during them (the event-loop sampler runs only while scraped).
// The poll rate is read from /metrics after the windows, two scrapes 10 s
// apart. Then the same server on an empty inventory, the same way: what a
// process costs with nothing to watch (V8's own threads, the idle looks),
// which at 2 nodes is spread over only 2 polls a second; the difference is
// the marginal cost of a node-poll.
const cpuWindows = async (tandem: TTandem): Promise<{ cpuMs: number; seconds: number }[]> => {
  await sleep(WARM_AFTER_MS);
  const windows: { cpuMs: number; seconds: number }[] = [];
  for (let w = 0; w < 3; w++) {
    const [c0, t0] = [tandem.cpuMs(), Date.now()];
    await sleep(20_000);
    windows.push({ cpuMs: tandem.cpuMs() - c0, seconds: (Date.now() - t0) / 1000 });
  }
  return windows;
};

const measureServerCpu = async () => {
  const { token } = await createToken({ db: await getDb(), name: `bench-server-${Date.now()}`, role: 'viewer', createdBy: 'bench' });
  const tandem = await startTandem({ dataDir: path.join(dir, 'data'), port: 3159, logFile: path.join(dir, 'server.log') });
  const pollsTotal = async () => (await tandem.scrape(token)).polls;
  let withLab;
  try {
    const windows = await cpuWindows(tandem);
    const p0 = await pollsTotal();
    const t0 = Date.now();
    await sleep(10_000);
    const pollsPerSecond = (await pollsTotal() - p0) / ((Date.now() - t0) / 1000);
    if (!(pollsPerSecond > 0)) throw new Error('the production server made no poll of the lab');
    withLab = { windows, pollsPerSecond };
  } finally {
    await tandem.stop();
  }
  const empty = await startTandem({ dataDir: mkdtempSync(path.join(dir, 'empty-')), port: 3159, logFile: path.join(dir, 'server-empty.log') });
  let idle;
  try {
    idle = await cpuWindows(empty);
  } finally {
    await empty.stop();
  }
  const { windows, pollsPerSecond } = withLab;
  const perSecond = (w: { cpuMs: number; seconds: number }) => w.cpuMs / w.seconds;
  const perPoll = windows.map((w) => round(perSecond(w) / pollsPerSecond, 2));
  const idleMsPerSecond = median(idle.map(perSecond));
  return {
    cpuMsPerNodePoll: median(perPoll),
    windows: perPoll,
    pollsPerSecond: round(pollsPerSecond, 2),
    cpuMsPerSecond: round(median(windows.map(perSecond)), 1),
    emptyInventory: { cpuMsPerSecond: round(idleMsPerSecond, 1), windows: idle.map((w) => round(perSecond(w), 1)) },
    marginalCpuMsPerNodePoll: round((median(windows.map(perSecond)) - idleMsPerSecond) / pollsPerSecond, 2),
    warmAfterSeconds: WARM_AFTER_MS / 1000,
  };
};

const useLab = async (options: TLabOptions) => {
  const db = await getDb();
  await deleteCluster({ db, name: 'lab' }).catch(() => undefined);
  await labDown({ quiet: true });
  const inventory = await labUp(options);
  await importCluster({ db, doc: parseWith(ZClusterDocumentSchema, JSON.parse(inventory)) });
};

const main = async () => {
  const started = new Date().toISOString();
  const labs: Record<string, TLabOptions> = { default: DEFAULT_OPTIONS, 'fast-failover': { ...DEFAULT_OPTIONS, fastFailover: true } };
  const vipMoveToBrowser: Record<string, unknown> = {};
  let pollCost;
  let pollPathCpu;
  let cpu;
  let serverCpu;
  for (const [kind, options] of Object.entries(labs)) {
    await useLab(options);
    if (kind === 'default') {
      const [target] = await loadTargets({ db: await getDb(), cluster: 'lab' });
      if (!target) throw new Error('no lab target');
      const pool = createSshPool({ onPinned: async () => undefined });
      pollCost = await measurePollCost({ pool, target, node: 'node1' });
      pollPathCpu = await measurePollPathCpu({ pool, targets: await loadTargets({ db: await getDb(), cluster: 'lab' }) });
      pool.disposeAll();
      cpu = await measureCpu();
      serverCpu = await measureServerCpu();
    }
    vipMoveToBrowser[kind] = { logStream: await measureMoves(true, isPreempt(options)), pollingOnlyBaseline: await measureMoves(false, isPreempt(options)) };
  }
  await labDown({ quiet: true });
  await closeDatabase();
  const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'raw' ? undefined : v)));
  const summary = {
    machine: { cores: cpus().length, load: 'labctl writer 20/s + one busy core during the VIP moves' },
    vipMoveToBrowser: strip(vipMoveToBrowser),
    targets: { p95Ms: 250, contradictingPushes: 0, processesPerPoll: 8, wallMsPerPoll: 100, cpuMsPerNodePoll: 2.5 },
    pollCost: strip(pollCost),
    pollPathCpuMsPerPoll: pollPathCpu,
    controlPlane: { cpuMsPerNodePoll: cpu?.warm.cpuMsPerPoll, coldCpuMsPerNodePoll: cpu?.cold.cpuMsPerPoll, warmAfterSeconds: cpu?.warmAfterSeconds, sshRoundTripsPerPoll: cpu?.warm.roundTripsPerPoll, windows: { cold: cpu?.cold.windows, warm: cpu?.warm.windows } },
    productionServer: serverCpu,
  };
  writeFileSync('bench/results/collector.json', `${JSON.stringify({ benchmark: 'collector', started, summary, raw: { vipMoveToBrowser, pollCost } }, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
};

main().catch(async (e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  stopChildren();
  await labDown({ quiet: true });
  process.exit(1);
});
