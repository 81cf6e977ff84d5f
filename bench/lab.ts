// Lab benchmark: how fast the lab comes up, what it costs in memory, and how
// long a failover takes (VIP move and client-visible write outage), with the
// default weighted health check as the baseline against --fast-failover.
// Run as root: npm run bench:lab. Writes bench/results/lab.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { keepalivedState, MAINT_FAULT } from '../lab/keepalived';
import { nodePaths, DEFAULT_OPTIONS, isPreempt, type TLabOptions } from '../lab/config';
import { labDown } from '../lab/down';
import { runFault } from '../lab/fault';
import { mysqldPid } from '../lab/mariadb';
import { holdsVip } from '../lab/network';
import { waitFor, sleep } from '../lab/sys';
import { labUp } from '../lab/up';
import { verifyWrites } from '../lab/verify';
import { runWriter } from '../lab/writer';
import { median, round } from './stats';
import { benchWorkDir } from './work-dir';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const tmp = benchWorkDir('lab');

const rssMb = (pid: number | undefined): number => {
  if (pid === undefined) return NaN;
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? NaN) / 1024;
};

const masterSince = (node: 'node1' | 'node2', since: number): number | undefined => {
  const file = nodePaths(node).notifyLog;
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(' '))
    .filter((f) => f[3] === 'MASTER' && Number(f[0]) >= since)
    .map((f) => Number(f[0]))[0];
};

const measureUp = async () => {
  const cold: number[] = [];
  const warm: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await labDown({ quiet: true });
    let t = Date.now();
    await labUp(DEFAULT_OPTIONS);
    cold.push(Date.now() - t);
    rss.push(rssMb(mysqldPid('node1')) + rssMb(mysqldPid('node2')));
    t = Date.now();
    await labUp(DEFAULT_OPTIONS);
    warm.push(Date.now() - t);
  }
  return { coldUpMs: cold, idempotentUpMs: warm, mariadbdRssMbBothAfterUp: rss };
};

const measureFailovers = async (options: TLabOptions) => {
  await labDown({ quiet: true });
  await labUp(options);
  const vipMoveMs: number[] = [];
  const outageMs: number[] = [];
  const lost: number[] = [];
  let rssAfterLoad = 0;
  for (let i = 0; i < RUNS; i++) {
    const out = path.join(tmp, `${options.seed ? 'seed' : options.fastFailover ? 'fast' : 'recommended'}-${i}.jsonl`);
    const writer = runWriter({ durationS: 10, rate: 20, out });
    await sleep(2000);
    const t0 = Date.now();
    await runFault('stop-mysqld', 'node1');
    await waitFor('VIP on node2', () => holdsVip('node2') && !holdsVip('node1'), 30_000, 20);
    await waitFor('notify log entry', () => masterSince('node2', t0) !== undefined, 5_000, 20);
    vipMoveMs.push((masterSince('node2', t0) ?? NaN) - t0);
    await writer;
    await runFault('start-mysqld', 'node1');
    if (!isPreempt(options)) {
      // nopreempt: node1 returns as BACKUP; the track file sends node2 to FAULT and back.
      await waitFor('node1 BACKUP again', () => keepalivedState('node1') === 'BACKUP', 30_000, 50);
      writeFileSync(nodePaths('node2').maintFile, `${MAINT_FAULT}\n`);
      await waitFor('VIP back on node1', () => holdsVip('node1') && !holdsVip('node2'), 30_000, 50);
      writeFileSync(nodePaths('node2').maintFile, '0\n');
      await waitFor('node2 BACKUP again', () => keepalivedState('node2') === 'BACKUP', 30_000, 50);
    }
    await waitFor('VIP back on node1', () => holdsVip('node1') && !holdsVip('node2'), 30_000, 50);
    rssAfterLoad = Math.max(rssAfterLoad, rssMb(mysqldPid('node1')) + rssMb(mysqldPid('node2')));
    const v = await verifyWrites({ file: out });
    outageMs.push(v.longestOutageMs);
    lost.push(v.lost);
    await sleep(1500);
  }
  return { vipMoveMs, longestWriteOutageMs: outageMs, lostAcknowledgedWrites: lost, mariadbdRssMbBothAfterLoad: rssAfterLoad };
};

const main = async () => {
  const started = new Date().toISOString();
  const up = await measureUp();
  // The seed guide's weighted check is the baseline; the recommended setup
  // (the default lab) and --fast-failover go to FAULT on a failing check.
  const weighted = await measureFailovers({ ...DEFAULT_OPTIONS, seed: true });
  const recommended = await measureFailovers(DEFAULT_OPTIONS);
  const fast = await measureFailovers({ ...DEFAULT_OPTIONS, fastFailover: true });
  await labDown({ quiet: true });

  const summary = {
    coldUpMedianS: round(median(up.coldUpMs) / 1000, 2),
    idempotentUpMedianS: round(median(up.idempotentUpMs) / 1000, 2),
    mariadbdRssMbBothMedian: round(median(up.mariadbdRssMbBothAfterUp), 1),
    weighted: { vipMoveMedianMs: round(median(weighted.vipMoveMs)), writeOutageMedianMs: round(median(weighted.longestWriteOutageMs)), lost: weighted.lostAcknowledgedWrites.reduce((a, b) => a + b, 0) },
    recommended: { vipMoveMedianMs: round(median(recommended.vipMoveMs)), writeOutageMedianMs: round(median(recommended.longestWriteOutageMs)), lost: recommended.lostAcknowledgedWrites.reduce((a, b) => a + b, 0) },
    fastFailover: { vipMoveMedianMs: round(median(fast.vipMoveMs)), writeOutageMedianMs: round(median(fast.longestWriteOutageMs)), lost: fast.lostAcknowledgedWrites.reduce((a, b) => a + b, 0) },
    targets: { upS: 10, mariadbdRssMb: 250 },
  };
  const result = { benchmark: 'lab', started, runs: RUNS, machine: { cpus: (await import('node:os')).cpus().length }, summary, raw: { up, weighted, recommended, fast } };
  writeFileSync('bench/results/lab.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
};

main().catch(async (e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  await labDown({ quiet: true });
  process.exit(1);
});
