// Where the collector's CPU goes, for whoever works on its cost: polls the
// default lab for PROF_SECONDS (30) and prints CPU per node-poll, CPU per
// thread (V8's GC and compiler threads run beside the main one) and snapshot
// saves; writes a CPU profile of the main thread (sampled every
// PROF_INTERVAL_US, 1000) to bench/results/ unless
// PROF_OFF=1 (the sampler itself costs CPU, so measure with it off).
import { Session } from 'node:inspector/promises';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_OPTIONS } from '../lab/config';
import { labDown } from '../lab/down';
import { labUp } from '../lab/up';
import { sleep } from '../lab/sys';
import { pollCount } from '../lib/collector/poll-node';
import { metrics } from '../lib/metrics/registry';
import { benchWorkDir } from './work-dir';

const dir = benchWorkDir('profile');
process.env.DATABASE_URL = `file:${path.join(dir, 'tandem.db')}`;
process.env.TANDEM_DATA_DIR = path.join(dir, 'data');
process.env.TANDEM_LOG_STREAM = 'on';
const { getDb, closeDatabase } = await import('../lib/db/client');
const { importCluster } = await import('../lib/clusters/import-cluster');
const { parseWith, ZClusterDocumentSchema } = await import('../lib/clusters/schema');
const { startCollector, stopCollector } = await import('../lib/collector/collector');

const threadCpuMs = (): Record<string, number> =>
  Object.fromEntries(
    readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime + stime, in clock ticks of 10 ms.
      const name = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
      return [`${tid}:${name}`, (Number(fields[11]) + Number(fields[12])) * 10];
    }),
  );

await labDown({ quiet: true });
const inventory: unknown = JSON.parse(await labUp(DEFAULT_OPTIONS));
try {
  const db = await getDb();
  await importCluster({ db, doc: parseWith(ZClusterDocumentSchema, inventory) });
  // Snapshot saves, as /metrics counts them (tandem_db_writes_total).
  const snapshotSaves = async () => (await metrics().dbWrites.get()).values.find((v) => v.labels.model === 'ClusterSnapshot' && v.labels.operation === 'upsert')?.value ?? 0;
  startCollector({ db, sinks: { onSnapshot: () => undefined, onEvent: () => undefined } });
  // PROF_WARMUP seconds (5) before measuring: V8 keeps compiling hot code for minutes at 2 polls/s.
  await sleep(Number(process.env.PROF_WARMUP ?? 5) * 1000);
  const profiling = process.env.PROF_OFF !== '1';
  const session = new Session();
  if (profiling) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: Number(process.env.PROF_INTERVAL_US ?? 1000) });
    await session.post('Profiler.start');
  }
  const [threads0, polls0, saves0, cpu0] = [threadCpuMs(), pollCount(), await snapshotSaves(), process.cpuUsage()];
  await sleep(Number(process.env.PROF_SECONDS ?? 30) * 1000);
  const cpu = process.cpuUsage(cpu0);
  const polls = pollCount() - polls0;
  const threads = Object.entries(threadCpuMs()).map(([tid, ms]) => [tid, ms - (threads0[tid] ?? 0)] as const).filter(([, ms]) => ms > 0);
  console.log(`node-polls ${polls}, snapshot saves ${(await snapshotSaves()) - saves0}, CPU ms per node-poll ${((cpu.user + cpu.system) / 1000 / Math.max(1, polls)).toFixed(2)} (user ${(cpu.user / 1000 / Math.max(1, polls)).toFixed(2)}, system ${(cpu.system / 1000 / Math.max(1, polls)).toFixed(2)})`);
  console.log(`CPU ms per thread (main first): ${threads.map(([tid, ms]) => `${tid}=${ms}`).join(' ')}`);
  if (profiling) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync('bench/results/collector.cpuprofile', JSON.stringify(profile));
  }
  await stopCollector();
  await closeDatabase();
} finally {
  await labDown({ quiet: true });
}
