// Collector benchmark (root, lab): how fast a VIP move reaches a browser, and
// what one poll costs the control plane.
// - VIP move to browser: from keepalived's transition (the notify log's ms
//   timestamp on the new holder) to a Socket.IO client receiving cluster:state
//   with the new holder. Baseline in the same run: the same collector with the
//   keepalived log stream off (polling every second only).
// - Cost: control-plane CPU ms per node-poll and SSH round trips per poll, at
//   1 poll/s per node. Writes bench/results/collector.json.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { sshExecCount } from '../agents/run-on-node';
import { pollCount } from '../lib/collector/poll-node';
import { DEFAULT_OPTIONS, nodePaths } from '../lab/config';
import { labDown } from '../lab/down';
import { runFault } from '../lab/fault';
import { holdsVip } from '../lab/network';
import { waitFor, sleep } from '../lab/sys';
import { labUp } from '../lab/up';
import { median, percentile, round } from './stats';

const MOVES = Number(process.env.BENCH_MOVES ?? 10);
const dir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-collector-'));
process.env.DATABASE_URL = `file:${path.join(dir, 'tandem.db')}`;
process.env.TANDEM_DATA_DIR = path.join(dir, 'data');

const { getDb, closeDatabase } = await import('../lib/db/client');
const { importCluster } = await import('../lib/clusters/import-cluster');
const { parseWith, ZClusterDocumentSchema } = await import('../lib/clusters/schema');
const { startCollector, stopCollector } = await import('../lib/collector/collector');
const { resetEnvCache } = await import('../lib/env');
const { createToken } = await import('../lib/tokens/create-token');
const { attachRealtime, publishEvent, publishSnapshot } = await import('../lib/realtime/attach-realtime');

type TState = { vip: { holders: string[] } };

const notifyMasterAt = (node: 'node1' | 'node2', since: number): number | undefined =>
  readFileSync(nodePaths(node).notifyLog, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(' '))
    .filter((f) => f[3] === 'MASTER' && Number(f[0]) >= since)
    .map((f) => Number(f[0]))[0];

const measureMoves = async (logStream: boolean) => {
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
  const arrivals: { at: number; holders: string }[] = [];
  client.on('cluster:state', (s: TState) => arrivals.push({ at: Date.now(), holders: s.vip.holders.join(',') }));
  await new Promise<void>((resolve) => client.on('connect', () => client.emit('subscribe', { cluster: 'lab' }, () => resolve())));
  await waitFor('node1 holding the VIP in the pushed state', () => arrivals.at(-1)?.holders === 'node1', 30_000, 50);

  const delays: number[] = [];
  for (let i = 0; i < MOVES; i++) {
    const [from, to] = i % 2 === 0 ? (['node1', 'node2'] as const) : (['node2', 'node1'] as const);
    const t0 = Date.now();
    // Even moves: the holder's mysqld stops; odd moves: it returns and preempts.
    await runFault(i % 2 === 0 ? 'stop-mysqld' : 'start-mysqld', 'node1');
    await waitFor(`VIP on ${to}`, () => holdsVip(to) && !holdsVip(from), 30_000, 20);
    await waitFor(`pushed state with ${to}`, () => arrivals.some((a) => a.at >= t0 && a.holders === to), 15_000, 10);
    const transition = notifyMasterAt(to, t0);
    const pushed = arrivals.find((a) => a.at >= t0 && a.holders === to)?.at;
    if (transition !== undefined && pushed !== undefined) delays.push(pushed - transition);
    await sleep(2500);
  }
  if (!holdsVip('node1')) await runFault('start-mysqld', 'node1');
  client.close();
  await stopCollector();
  await new Promise<void>((r) => http.close(() => r()));
  return delays;
};

// Median of 3 windows of 10 s with the collector polling both nodes.
const measureCost = async () => {
  process.env.TANDEM_LOG_STREAM = 'off';
  resetEnvCache();
  const db = await getDb();
  startCollector({ db, sinks: { onSnapshot: () => undefined, onEvent: () => undefined } });
  await sleep(5000);
  const windows: { polls: number; cpuMsPerPoll: number; roundTripsPerPoll: number }[] = [];
  for (let w = 0; w < 3; w++) {
    const execBefore = sshExecCount();
    const pollsBefore = pollCount();
    const cpuBefore = process.cpuUsage();
    await sleep(10_000);
    const cpu = process.cpuUsage(cpuBefore);
    const polls = pollCount() - pollsBefore;
    windows.push({ polls, cpuMsPerPoll: (cpu.user + cpu.system) / 1000 / Math.max(1, polls), roundTripsPerPoll: (sshExecCount() - execBefore) / Math.max(1, polls) });
  }
  await stopCollector();
  return { windows, cpuMsPerPoll: median(windows.map((w) => w.cpuMsPerPoll)), roundTripsPerPoll: median(windows.map((w) => w.roundTripsPerPoll)), pollsPerSecond: median(windows.map((w) => w.polls / 10)) };
};

const main = async () => {
  const started = new Date().toISOString();
  await labDown({ quiet: true });
  const inventory = await labUp({ ...DEFAULT_OPTIONS, fastFailover: true });
  await importCluster({ db: await getDb(), doc: parseWith(ZClusterDocumentSchema, JSON.parse(inventory)) });
  const streamed = await measureMoves(true);
  const polled = await measureMoves(false);
  const cost = await measureCost();
  await labDown({ quiet: true });
  await closeDatabase();
  const summary = {
    vipMoveToBrowser: {
      logStream: { moves: streamed.length, p50Ms: round(median(streamed)), p95Ms: round(percentile(streamed, 95)) },
      pollingOnlyBaseline: { moves: polled.length, p50Ms: round(median(polled)), p95Ms: round(percentile(polled, 95)) },
      targets: { p95Ms: 500, aimMs: 250 },
    },
    cost: { cpuMsPerNodePoll: round(cost.cpuMsPerPoll, 2), sshRoundTripsPerPoll: round(cost.roundTripsPerPoll, 2), pollsPerSecond: round(cost.pollsPerSecond, 2), targets: { cpuMs: 5, roundTrips: 1 } },
  };
  writeFileSync('bench/results/collector.json', `${JSON.stringify({ benchmark: 'collector', started, summary, raw: { streamed, polled, cost } }, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
};

main().catch(async (e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  await labDown({ quiet: true });
  process.exit(1);
});
