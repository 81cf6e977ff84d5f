// What opening a MySQL connection costs Tandem's process, with mysql2's
// default statement cache (16,000 slots, allocated per connection) against
// Tandem's (agents/mysql-connect.ts), in the same run, alternating rounds.
// The load is a failover drill's: a new connection per attempt through the
// lab's VIP, RATE a second (default 40; a drill's probe alone makes 30 a
// second by default, the lab tests' witness writer 20 more), each running
// one INSERT as the application user. Per round: CPU per connection, the event loop's p99 and
// longest stall, and the garbage collector's pauses (count, total, longest),
// all measured in this process, as the drill's probe shares Tandem's.
// Writes bench/results/mysql-connect.json.
// Run as root, alone on the lab: flock /work/lab.lock npm run bench:mysql-connect
// BENCH_LOAD=1 keeps one core busy beside it.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import mysql from 'mysql2/promise';
import { openMysql } from '../agents/mysql-connect';
import { DEFAULT_OPTIONS, MYSQL_PORT, VIP } from '../lab/config';
import { labDown } from '../lab/down';
import { readState } from '../lab/state';
import { sleep } from '../lab/sys';
import { labUp } from '../lab/up';
import { watchProcessStalls } from './process-stalls';
import { median, round } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 40);

type TOpen = (o: mysql.ConnectionOptions) => Promise<mysql.Connection>;
const variants: { name: string; open: TOpen }[] = [
  { name: 'mysql2 default', open: (o) => mysql.createConnection(o) },
  { name: 'Tandem (cache 1)', open: (o) => openMysql(o) },
];

type TRound = { variant: string; connections: number; failed: number; cpuMsPerConnection: number; loopP99Ms: number; loopMaxMs: number; gcCount: number; gcTotalMs: number; gcMaxMs: number };

const oneRound = async (variant: (typeof variants)[number], password: string): Promise<TRound> => {
  const stalls = watchProcessStalls();
  const cpu0 = process.cpuUsage();
  const inFlight = new Set<Promise<void>>();
  let connections = 0;
  let failed = 0;
  const start = Date.now();
  for (let seq = 0; Date.now() - start < SECONDS * 1000; seq++) {
    const wait = start + (seq * 1000) / RATE - Date.now();
    if (wait > 0) await sleep(wait);
    const p = (async () => {
      let conn: mysql.Connection | undefined;
      try {
        conn = await variant.open({ host: VIP, port: MYSQL_PORT, user: 'app', password, database: 'app', connectTimeout: 1000 });
        await conn.query({ sql: 'INSERT INTO writes (run_id, seq, written_at) VALUES (?, ?, ?)', values: ['bench-mysql-connect', seq, Date.now()], timeout: 2000 });
        connections++;
      } catch {
        failed++;
      } finally {
        conn?.destroy();
      }
    })();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  await Promise.allSettled([...inFlight]);
  const cpu = process.cpuUsage(cpu0);
  // GC entries reach the observer a moment after the pause.
  await sleep(100);
  const s = stalls.stop();
  return {
    variant: variant.name,
    connections,
    failed,
    cpuMsPerConnection: round((cpu.user + cpu.system) / 1000 / Math.max(1, connections + failed), 3),
    loopP99Ms: s.loopP99Ms,
    loopMaxMs: s.loopMaxMs,
    gcCount: s.gcPauses,
    gcTotalMs: s.gcTotalMs,
    gcMaxMs: s.gcMaxMs,
  };
};

const busy = process.env.BENCH_LOAD === '1' ? spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }) : null;
try {
  console.log(`bench:mysql-connect on ${cpus().length} cores, ${RATE} connections/s, ${SECONDS} s rounds, ${ROUNDS} rounds per variant${busy ? ', one busy core beside' : ''}`);
  await labDown({ quiet: true });
  await labUp(DEFAULT_OPTIONS);
  const password = readState()?.secrets.app;
  if (!password) throw new Error('the lab has no application password');
  // One round of each first, not counted: module loading and JIT warm-up.
  for (const v of variants) await oneRound(v, password);
  const rounds: TRound[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const v of variants) {
      const one = await oneRound(v, password);
      rounds.push(one);
      console.log(JSON.stringify(one));
    }
  }
  const summary = variants.map((v) => {
    const mine = rounds.filter((r) => r.variant === v.name);
    const med = (k: keyof TRound) => median(mine.map((r) => Number(r[k])));
    return { variant: v.name, cpuMsPerConnection: med('cpuMsPerConnection'), loopP99Ms: med('loopP99Ms'), loopMaxMs: med('loopMaxMs'), gcCount: med('gcCount'), gcTotalMs: med('gcTotalMs'), gcMaxMs: med('gcMaxMs') };
  });
  for (const s of summary) console.log(`${s.variant.padEnd(18)} CPU ${s.cpuMsPerConnection} ms/connection  loop p99 ${s.loopP99Ms} ms, max ${s.loopMaxMs} ms  GC ${s.gcCount} pauses, ${s.gcTotalMs} ms, longest ${s.gcMaxMs} ms (medians of ${ROUNDS})`);
  writeFileSync('bench/results/mysql-connect.json', `${JSON.stringify({ at: new Date().toISOString(), cores: cpus().length, loadavg: loadavg(), rate: RATE, seconds: SECONDS, busyCore: busy !== null, summary, rounds }, null, 2)}\n`);
} finally {
  busy?.kill();
  await labDown({ quiet: true });
}
