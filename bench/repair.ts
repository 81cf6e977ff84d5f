// Repair benchmark (root, lab): on a lab loaded with BENCH_REPAIR_MB of rows
// (default 1200: over 10^9 bytes in InnoDB on each node, the issue's
// "≥ 1 GB", checked after loading; the same rows written on both nodes with
// binary logging off), in the same run and with `labctl writer` writing 20/s through the
// VIP beside every measurement:
// - reseed throughput: Tandem's reseed (break-binlog, then the repair action;
//   its copy step's MiB/s) against a plain `mariadb-dump | mariadb` pipe
//   between the same two namespaces with the same dump options;
// - drift check: Tandem's checksum action against pt-table-checksum
//   (percona-toolkit) on the same data, time and verdicts, with the pair
//   equal and with one row changed on node2 only.
// BENCH_REPAIR_RUNS (default 3) of each, alternating; medians reported.
// Writes bench/results/repair.json.
// Run as root, alone on the lab: flock /work/lab.lock npm run bench:repair
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { DEFAULT_OPTIONS, labPaths, nodePaths, type TNodeName } from '../lab/config';
import { labDown } from '../lab/down';
import { runFault } from '../lab/fault';
import { connectNode, query } from '../lab/mariadb';
import { readState } from '../lab/state';
import { labUp } from '../lab/up';
import { runWriter } from '../lab/writer';
import { z } from 'zod';
import { median, round } from './stats';
import { benchWorkDir } from './work-dir';

const MB = Number(process.env.BENCH_REPAIR_MB ?? 1200);
// The data the benchmark promises, in InnoDB on each node (bytes).
const MIN_BYTES = Number(process.env.BENCH_REPAIR_MIN_BYTES ?? 1e9);
const RUNS = Number(process.env.BENCH_REPAIR_RUNS ?? 3);
// About 400 bytes of row data per row in InnoDB.
const ROWS = Math.round((MB * 1048576) / 400);
const BATCH = 50_000;

const dir = benchWorkDir('repair');
process.env.DATABASE_URL = `file:${path.join(dir, 'tandem.db')}`;
process.env.TANDEM_DATA_DIR = path.join(dir, 'data');

const { getDb, closeDatabase } = await import('../lib/db/client');
const { importCluster } = await import('../lib/clusters/import-cluster');
const { parseWith, ZClusterDocumentSchema } = await import('../lib/clusters/schema');
const { startAction } = await import('../lib/actions/start-action');
const { actionPool } = await import('../lib/actions/action-pool');
const { setActionSinks } = await import('../lib/actions/action-hub');
const { loadRunView } = await import('../lib/actions/run-view');
const { ZChecksumResultSchema } = await import('../lib/actions/checksum/result-schema');

const say = (s: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

// Identical rows on both nodes, written with binary logging off on each:
// as fast as the disk allows, and nothing to replicate.
const load = async (node: TNodeName) => {
  const conn = await connectNode(node, 10_000);
  try {
    await conn.query('SET SESSION sql_log_bin = 0');
    await conn.query('CREATE TABLE IF NOT EXISTS app.bulk (id BIGINT PRIMARY KEY, a VARCHAR(64) NOT NULL, b VARCHAR(300) NULL, c DOUBLE NULL, d DATETIME NOT NULL, e INT NOT NULL, KEY (e)) ENGINE=InnoDB');
    for (let from = 0; from < ROWS; from += BATCH) {
      const to = Math.min(ROWS, from + BATCH);
      await conn.query({ sql: `INSERT INTO app.bulk SELECT seq, MD5(seq), IF(seq % 11 = 0, NULL, REPEAT(SHA2(seq, 256), 4)), IF(seq % 3 = 0, NULL, seq / 7), FROM_UNIXTIME(1700000000 + seq), seq % 1000 FROM app.seq_${from + 1}_to_${to}`, timeout: 600_000 });
    }
  } finally {
    await conn.end();
  }
};

const dataMb = async (node: TNodeName): Promise<number> => {
  await query(node, 'ANALYZE TABLE app.bulk');
  const [row] = await query<{ b: number }[]>(node, "SELECT SUM(DATA_LENGTH + INDEX_LENGTH) AS b FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'app'");
  return Number(row?.b ?? 0) / 1048576;
};

const runAction = async (body: Record<string, unknown>) => {
  const db = await getDb();
  const started = await startAction({ db, pool: actionPool(db), cluster: 'lab', who: { actor: 'bench', role: 'admin' }, body });
  if (started.kind !== 'started') throw new Error('the action did not start');
  await started.started.done;
  const run = await loadRunView(db, started.started.run.id);
  if (!run) throw new Error('the run vanished');
  if (run.status !== 'succeeded') throw new Error(`${String(body.kind)} ${run.status}: ${run.error ?? ''} ${JSON.stringify(run.steps.map((s) => [s.key, s.status, s.output.slice(-300)]))}`);
  return run;
};

// The baseline: the same dump, piped by the shell from one namespace's
// client into the other's, no Tandem in between.
const plainPipe = (): { ms: number; bytes: number } => {
  const opts = '--single-transaction --master-data=2 --gtid --routines --events --triggers --hex-blob --add-drop-database --quick --max-allowed-packet=1G --databases app';
  const script = `ip netns exec tandem-node1 mariadb-dump --socket=${nodePaths('node1').socket} -uroot ${opts} | tee >(wc -c > ${dir}/bytes) | ip netns exec tandem-node2 mariadb --socket=${nodePaths('node2').socket} -uroot --binary-mode --max-allowed-packet=1G --init-command='SET SESSION sql_log_bin=0'`;
  const t0 = Date.now();
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', script], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 3_600_000 });
  const ms = Date.now() - t0;
  if (r.status !== 0) throw new Error(`plain pipe failed: ${r.stderr.toString().slice(-500)}`);
  return { ms, bytes: Number(readFileSync(`${dir}/bytes`, 'utf8').trim()) };
};

// pt-table-checksum from the host, over TCP to node1 as Tandem's user; it
// finds node2 from node1's process list. Its per-table DIFFS are the verdict.
const ptChecksum = (): { ms: number; differing: string[] } => {
  const secret = readState()?.secrets.tandem ?? '';
  const t0 = Date.now();
  const r = spawnSync('pt-table-checksum', [`h=198.18.0.11,P=3306,u=tandem,p=${secret}`, '--databases=app', '--recursion-method=processlist', '--no-check-binlog-format', '--no-check-replication-filters', '--chunk-time=0.5', '--max-lag=5', '--check-interval=0.2'], { encoding: 'utf8', timeout: 3_600_000 });
  const ms = Date.now() - t0;
  const differing: string[] = [];
  for (const line of r.stdout.split('\n')) {
    const cols = line.trim().split(/\s+/);
    // TS ERRORS DIFFS ROWS DIFF_ROWS CHUNKS SKIPPED TIME TABLE
    if (cols.length === 9 && /^\d+$/.test(cols[2] ?? '') && Number(cols[2]) > 0) differing.push(cols[8] ?? '');
  }
  // Its exit status is a bit mask: 16 (a table differs) and 32 (a chunk
  // skipped) are results; 1, 8 (no replica found) and 64 are failures.
  if (r.status === null || (r.status & (1 | 8 | 64)) !== 0) throw new Error(`pt-table-checksum failed (${r.status}): ${r.stderr.slice(-800)}`);
  return { ms, differing };
};

const tandemChecksum = async (): Promise<{ ms: number; differing: string[] }> => {
  const t0 = Date.now();
  const run = await runAction({ kind: 'checksum', params: { schemas: ['app'], chunkTimeMs: 500 } });
  const r = ZChecksumResultSchema.parse(run.result);
  return { ms: Date.now() - t0, differing: r.tables.filter((t) => !t.equal).map((t) => `${t.schema}.${t.table}`) };
};

const withWriter = async <T>(f: () => Promise<T>): Promise<T> => {
  let stop = false;
  const writer = runWriter({ durationS: 7200, rate: 20, out: path.join(dir, `writer-${Date.now()}.jsonl`), shouldStop: () => stop });
  try {
    return await f();
  } finally {
    stop = true;
    await writer;
  }
};

const main = async () => {
  if (spawnSync('pt-table-checksum', ['--version']).status !== 0) throw new Error('pt-table-checksum is missing: apt-get install percona-toolkit');
  say(`bench:repair on ${cpus().length} cores: ${MB} MB (${ROWS} rows), ${RUNS} run(s) each`);
  await labDown();
  await labUp(DEFAULT_OPTIONS);
  const db = await getDb();
  await importCluster({ db, doc: parseWith(ZClusterDocumentSchema, { ...JSON.parse(readFileSync(labPaths.inventory, 'utf8')), switchoverCooldownSeconds: 0 }) });
  setActionSinks({ push: () => undefined, pollNow: () => undefined });
  const t0 = Date.now();
  await Promise.all([load('node1'), load('node2')]);
  const sizes = { node1: round(await dataMb('node1'), 1), node2: round(await dataMb('node2'), 1) };
  say(`loaded in ${round((Date.now() - t0) / 1000, 1)} s: ${JSON.stringify(sizes)} MiB`);
  const smaller = Math.min(sizes.node1, sizes.node2) * 1048576;
  if (smaller < MIN_BYTES) throw new Error(`only ${round(smaller / 1e9, 3)} GB in InnoDB on the smaller node, ${round(MIN_BYTES / 1e9, 3)} GB wanted: raise BENCH_REPAIR_MB`);

  const reseed: { tandemMbps: number; plainMbps: number; tandemMs: number; plainMs: number; bytes: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const plain = await withWriter(async () => plainPipe());
    await runFault('break-binlog', 'node2');
    const run = await withWriter(() => runAction({ kind: 'repair', params: { node: 'node2', strategy: 'reseed' }, confirm: 'lab' }));
    const tandem = z.object({ bytes: z.number(), ms: z.number() }).parse(run.result?.copy);
    const row = { plainMs: plain.ms, plainMbps: round(plain.bytes / 1048576 / (plain.ms / 1000), 2), tandemMs: tandem.ms, tandemMbps: round(tandem.bytes / 1048576 / (tandem.ms / 1000), 2), bytes: tandem.bytes };
    reseed.push(row);
    say(`reseed ${i + 1}: plain ${row.plainMbps} MiB/s (${row.plainMs} ms), Tandem ${row.tandemMbps} MiB/s (${row.tandemMs} ms) over ${round(row.bytes / 1048576, 1)} MiB`);
  }

  const checks: { case: string; tandemMs: number; ptMs: number; tandem: string[]; pt: string[] }[] = [];
  for (const variant of ['equal', 'one-row-differs']) {
    if (variant === 'one-row-differs') {
      const conn = await connectNode('node2');
      await conn.query('SET SESSION sql_log_bin = 0');
      await conn.query(`UPDATE app.bulk SET c = COALESCE(c, 0) + 1 WHERE id = ${Math.floor(ROWS / 2)}`);
      await conn.end();
    }
    for (let i = 0; i < RUNS; i++) {
      const pt = await withWriter(async () => ptChecksum());
      const tandem = await withWriter(() => tandemChecksum());
      checks.push({ case: variant, tandemMs: tandem.ms, ptMs: pt.ms, tandem: tandem.differing, pt: pt.differing.filter((t) => !t.startsWith('percona.')) });
      say(`checksum ${variant} ${i + 1}: pt ${pt.ms} ms ${JSON.stringify(pt.differing)}, Tandem ${tandem.ms} ms ${JSON.stringify(tandem.differing)}`);
    }
  }

  const med = (xs: number[]) => round(median(xs) ?? 0, 2);
  const summary = {
    reseed: { tandemMbps: med(reseed.map((r) => r.tandemMbps)), plainMbps: med(reseed.map((r) => r.plainMbps)), ratio: round(med(reseed.map((r) => r.tandemMbps)) / med(reseed.map((r) => r.plainMbps)), 2), target: '>= 0.8' },
    checksum: Object.fromEntries(
      ['equal', 'one-row-differs'].map((c) => {
        const rows = checks.filter((x) => x.case === c);
        const t = med(rows.map((r) => r.tandemMs));
        const p = med(rows.map((r) => r.ptMs));
        return [c, { tandemMs: t, ptMs: p, ratio: round(t / p, 2), sameVerdicts: rows.every((r) => JSON.stringify(r.tandem) === JSON.stringify(r.pt)), target: '<= 1.5' }];
      }),
    ),
  };
  const result = { at: new Date().toISOString(), machine: { cpus: cpus().length, loadavg: loadavg().map((l) => round(l, 2)) }, load: 'labctl writer 20/s through the VIP beside every measurement', dataMb: sizes, runs: RUNS, summary, reseed, checks };
  writeFileSync('bench/results/repair.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
  await labDown();
  await closeDatabase();
};

main().catch(async (e: unknown) => {
  console.error(e);
  await labDown().catch(() => undefined);
  process.exit(1);
});

