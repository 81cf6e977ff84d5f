// One fleet size, measured: the simulator and a fresh Tandem, steady-state
// windows (Tandem CPU and RSS from /proc, node-polls counted by the
// simulator, event-loop p99 and database writes from /metrics), VIP moves
// timed to the browser push, and a pair that stops answering.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { median, percentile, round } from '../stats';
import { createFleetInventory } from './inventory';
import { startFleet, type TFleet } from './simulator';
import { startTandem, type TTandem } from './tandem-process';
import { startWatcher, type TWatcher } from './watcher';

export type TSizeOptions = { nodes: number; workers: number; windows: number; windowSeconds: number; moves: number; base: string; sshPort: number; tandemPort: number; churnPerMinute: number; nodeOptions?: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type TWindow = { seconds: number; loadAverage1m: number; nodePolls: number; tandemCpuMs: number; pollsPerNodePerSecond: number; tandemCores: number; cpuMsPerNodePoll: number; rssMB: number; loopP99Ms: number; dbWritesPerSecond: number; simulatorCores: number; othersPollsPerNodePerSecond: number };

const measureWindow = async (o: { fleet: TFleet; tandem: TTandem; token: string; seconds: number; nodes: number; except?: number }): Promise<TWindow> => {
  const { fleet, tandem, token } = o;
  const others = (m: Map<number, number>) => [...m].filter(([i]) => i !== o.except).reduce((n, [, c]) => n + c, 0);
  const before = { at: Date.now(), cpu: tandem.cpuMs(), sim: fleet.cpuMs(), stats: await fleet.stats(), scrape: await tandem.scrape(token) };
  await sleep(o.seconds * 1000);
  const after = { at: Date.now(), cpu: tandem.cpuMs(), sim: fleet.cpuMs(), stats: await fleet.stats(), scrape: await tandem.scrape(token) };
  const dt = (after.at - before.at) / 1000;
  const polls = after.stats.totals.collect - before.stats.totals.collect;
  const cpu = after.cpu - before.cpu;
  const otherNodes = o.except === undefined ? o.nodes : o.nodes - 2;
  return {
    seconds: round(dt, 1),
    // The machine is shared: what else ran shows here.
    loadAverage1m: round(loadavg()[0] ?? NaN, 2),
    nodePolls: polls,
    tandemCpuMs: cpu,
    pollsPerNodePerSecond: round(polls / o.nodes / dt, 3),
    tandemCores: round(cpu / 1000 / dt, 3),
    cpuMsPerNodePoll: round(cpu / Math.max(1, polls), 3),
    rssMB: round(tandem.rssBytes() / 2 ** 20, 1),
    loopP99Ms: round(after.scrape.loopP99Ms, 1),
    dbWritesPerSecond: round((after.scrape.dbWrites - before.scrape.dbWrites) / dt, 1),
    simulatorCores: round((after.sim - before.sim) / 1000 / dt, 3),
    othersPollsPerNodePerSecond: round((others(after.stats.collectsByPair) - others(before.stats.collectsByPair)) / otherNodes / dt, 3),
  };
};

// Moves the VIP of each given pair in turn; each is timed from the
// simulator's instant of the move to the watcher's first push with the new holder.
const measureMoves = async (o: { fleet: TFleet; watcher: TWatcher; pairs: number[] }) => {
  const delays: number[] = [];
  let missed = 0;
  let churnedOver = 0;
  for (const pair of o.pairs) {
    const move = await o.fleet.moveVip(pair);
    const push = await o.watcher.firstPush(move.cluster, move.holder, move.at, 10_000);
    // A background move of the same pair meanwhile makes the sample meaningless.
    if (o.fleet.churned().some((c) => c.pair === pair && c.at >= move.at)) churnedOver += 1;
    else if (push) delays.push(push.at - move.at);
    else missed += 1;
    await sleep(1000 + Math.random() * 1000);
  }
  return { moves: delays.length, missed, churnedOver, p50Ms: round(median(delays)), p95Ms: round(percentile(delays, 95)), maxMs: delays.length ? Math.max(...delays) : NaN, delaysMs: delays };
};

const summarise = (windows: TWindow[]) => {
  const med = (k: keyof TWindow) => round(median(windows.map((w) => w[k])), 3);
  return {
    pollsPerNodePerSecond: med('pollsPerNodePerSecond'),
    tandemCores: med('tandemCores'),
    cpuMsPerNodePoll: med('cpuMsPerNodePoll'),
    rssMB: med('rssMB'),
    loopP99Ms: med('loopP99Ms'),
    dbWritesPerSecond: med('dbWritesPerSecond'),
    simulatorCores: med('simulatorCores'),
    loadAverage1m: med('loadAverage1m'),
  };
};

export const measureSize = async (o: TSizeOptions) => {
  const dir = mkdtempSync(path.join(tmpdir(), `tandem-bench-fleet-${o.nodes}-`));
  let fleet: TFleet | undefined;
  let tandem: TTandem | undefined;
  let watcher: TWatcher | undefined;
  try {
    const t0 = Date.now();
    fleet = await startFleet({ nodes: o.nodes, workers: o.workers, base: o.base, port: o.sshPort });
    // The inventory in the fresh data directory, written with Tandem's own operations before it starts.
    const dataDir = path.join(dir, 'data');
    process.env.TANDEM_DATA_DIR = dataDir;
    process.env.DATABASE_URL = '';
    const { resetEnvCache } = await import('../../lib/env');
    const { getDb, closeDatabase } = await import('../../lib/db/client');
    const { createToken } = await import('../../lib/tokens/create-token');
    const { resetSecretKeyCache } = await import('../../lib/secrets/secret-key');
    // Each size has its own data directory, so its own secret key too.
    resetEnvCache();
    resetSecretKeyCache();
    await closeDatabase();
    const db = await getDb();
    await createFleetInventory({ db, pairs: fleet.pairs, sshPort: fleet.port, privateKey: fleet.clientPrivateKey });
    const { token } = await createToken({ db, name: 'bench-fleet', role: 'viewer', createdBy: 'bench' });
    await closeDatabase();
    tandem = await startTandem({ dataDir, port: o.tandemPort, logFile: path.join(dir, 'tandem.log'), env: o.nodeOptions ? { NODE_OPTIONS: o.nodeOptions } : {} });
    // Every cluster observed: one VIP holder on /metrics for each.
    const pairCount = o.nodes / 2;
    const deadline = Date.now() + 240_000;
    for (;;) {
      const s = await tandem.scrape(token);
      const ones = [...s.vipHolders.values()].filter((v) => v === 1).length;
      if (ones === pairCount) break;
      if (Date.now() > deadline) throw new Error(`only ${ones} of ${pairCount} clusters observed with one VIP holder after 240 s`);
      await sleep(2000);
    }
    const observedAfterS = round((Date.now() - t0) / 1000, 1);
    console.error(`  N=${o.nodes}: every cluster observed ${observedAfterS} s after the start; churn ${o.churnPerMinute} moves/min`);
    await fleet.churn({ movesPerMinute: o.churnPerMinute, lagSpikesPerMinute: o.churnPerMinute * 2 });
    watcher = await startWatcher({ url: tandem.url, token });
    // The browser watches the clusters whose VIP the bench moves (one tab each), not all of them.
    const watched = Array.from({ length: Math.min(pairCount, 12) }, (_, i) => Math.floor((i * pairCount) / Math.min(pairCount, 12)));
    for (const p of watched) await watcher.subscribe(fleet.pairs[p]?.cluster ?? '');
    await sleep(10_000);
    const windows: TWindow[] = [];
    for (let w = 0; w < o.windows; w++) {
      windows.push(await measureWindow({ fleet, tandem, token, seconds: o.windowSeconds, nodes: o.nodes }));
      console.error(`  N=${o.nodes} window ${w + 1}: ${JSON.stringify(windows.at(-1))}`);
    }
    const movePairs = Array.from({ length: o.moves }, (_, i) => watched[i % watched.length] ?? 0);
    const moves = await measureMoves({ fleet, watcher, pairs: movePairs });
    console.error(`  N=${o.nodes} moves: p50 ${moves.p50Ms} ms, p95 ${moves.p95Ms} ms, max ${moves.maxMs} ms (${moves.moves} timed, ${moves.missed} missed)`);

    // A pair that stops answering: the others' poll rate and push latency beside the same just before.
    let deadPair: unknown;
    if (pairCount >= 2) {
      const dead = watched.at(-1) ?? 1;
      const alive = watched.filter((p) => p !== dead);
      const seconds = Math.max(10, Math.round(o.windowSeconds / 2));

      const shortMoves = Math.max(3, Math.round(o.moves / 2));
      const pick = (k: number) => Array.from({ length: shortMoves }, (_, i) => alive[(i + k) % alive.length] ?? 0);
      const before = { window: await measureWindow({ fleet, tandem, token, seconds, nodes: o.nodes, except: dead }), moves: await measureMoves({ fleet, watcher, pairs: pick(0) }) };
      await fleet.stall(dead);
      await sleep(5000);
      const stalled = { window: await measureWindow({ fleet, tandem, token, seconds, nodes: o.nodes, except: dead }), moves: await measureMoves({ fleet, watcher, pairs: pick(1) }) };
      const deadPolls = (await fleet.stats()).collectsByPair.get(dead) ?? 0;
      await sleep(o.windowSeconds * 100);
      const deadPollsLater = (await fleet.stats()).collectsByPair.get(dead) ?? 0;
      await fleet.resume(dead);
      // The stalled pair answered nothing meanwhile (its polls time out): checked, not assumed.
      deadPair = { pair: fleet.pairs[dead]?.cluster, answeredWhileStalled: deadPollsLater - deadPolls, before, stalled };
      console.error(`  N=${o.nodes} dead pair: others' polls/node/s ${before.window.othersPollsPerNodePerSecond} → ${stalled.window.othersPollsPerNodePerSecond}, push p95 ${before.moves.p95Ms} → ${stalled.moves.p95Ms} ms`);
    }
    return { nodes: o.nodes, pairs: pairCount, workers: o.workers, observedAfterS, summary: summarise(windows), moves, deadPair, windows };
  } catch (e) {
    const log = path.join(dir, 'tandem.log');
    if (existsSync(log)) console.error(`  Tandem's log ends:\n${readFileSync(log, 'utf8').split('\n').slice(-15).join('\n')}`);
    throw e;
  } finally {
    watcher?.close();
    await tandem?.stop();
    await fleet?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
