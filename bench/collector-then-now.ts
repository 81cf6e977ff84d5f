// Control-plane CPU per node-poll, then and now, in the same run (root, lab):
// the whole collector as it was at BENCH_BASE (default 62eb4ad, the code issue
// 10 was filed against, whose README said 4.85 ms) and today's, each in its
// own process, both watching the same quiet default lab at the same time, so
// whatever this machine is doing that hour hits both alike. Each process
// reports CPU per node-poll over 10 s windows (process.cpuUsage, as the 4.85 ms
// figure was measured): "cold" is the first three windows from 5 s after start
// (how that figure was taken), "warm" the three from 155 s. Both with the
// keepalived log stream off (as the 4.85 ms figure) and on (as shipped).
// BENCH_LOAD=1 runs them with load beside (labctl writer at 20 writes/s
// through the VIP and one busy core, as bench:collector does); the key then
// ends in -loaded, and so does the results file. Writes bench/results/collector-then-now.json.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DEFAULT_OPTIONS } from '../lab/config';
import { labDown } from '../lab/down';
import { labUp } from '../lab/up';
import { median, round } from './stats';

const BASE = process.env.BENCH_BASE ?? '62eb4ad';
const WINDOWS = 18; // 5 s + 18 × 10 s: windows 0–2 cold, 15–17 from 155 s
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
// BENCH_MODES=off,on (default both); BENCH_ALONE=1 also runs each collector
// alone, one after the other (each then has the machine to itself, and the
// hour's drift falls between them).
const MODES = (process.env.BENCH_MODES ?? 'off,on').split(',').filter((m): m is 'off' | 'on' => m === 'off' || m === 'on');
const ALONE = process.env.BENCH_ALONE === '1';
const LOAD = process.env.BENCH_LOAD === '1';
const root = process.cwd();
const work = mkdtempSync(path.join(tmpdir(), 'tandem-then-now-'));

// The old tree: the commit's files, today's node_modules (the old dependencies
// are a subset at the same versions), its own generated Prisma clients.
const baseTree = (): string => {
  const sha = execFileSync('git', ['rev-parse', '--short', BASE], { encoding: 'utf8' }).trim();
  const tree = path.join(root, '.tmp', `tree-${sha}`);
  if (!existsSync(path.join(tree, 'lib/db/generated'))) {
    rmSync(tree, { recursive: true, force: true });
    mkdirSync(tree, { recursive: true });
    execFileSync('sh', ['-c', 'git archive "$1" | tar -x -C "$2"', 'sh', sha, tree]);
    symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'));
    execFileSync('node', ['scripts/db-generate.mjs'], { cwd: tree, stdio: 'ignore' });
  }
  return tree;
};

// What the old inventory schema (strict objects) does not know yet.
const forBase = (doc: { nodes: Record<string, unknown>[] } & Record<string, unknown>) => {
  const { probe: _probe, ...rest } = doc;
  return {
    ...rest,
    nodes: doc.nodes.map(({ services: _s, ssh, ...n }) => {
      const { hostKeyFingerprint: _f, ...oldSsh } = ssh as Record<string, unknown>;
      return { ...n, ssh: oldSsh };
    }),
  };
};

type TWindow = { window: number; polls: number; cpuMs: number };
const children = new Set<ChildProcess>();
const runChild = (tree: string, inventory: string, logStream: 'on' | 'off', name: string): Promise<TWindow[]> => {
  const data = path.join(work, name);
  mkdirSync(data, { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/collector-cpu-child.ts'), inventory, String(WINDOWS), '5'], {
    cwd: tree,
    env: { ...process.env, DATABASE_URL: `file:${path.join(data, 'tandem.db')}`, TANDEM_DATA_DIR: data, TANDEM_LOG_STREAM: logStream },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.on('close', () => children.delete(child));
  const windows: TWindow[] = [];
  createInterface({ input: child.stdout }).on('line', (l) => {
    if (l.startsWith('{"window"')) windows.push(JSON.parse(l) as TWindow);
  });
  return new Promise((resolve, reject) =>
    // 'close', not 'exit': the last window's line may still be in the pipe at exit.
    child.on('close', (code) => (code === 0 && windows.length === WINDOWS ? resolve(windows) : reject(new Error(`${name} exited ${code} after ${windows.length} windows`)))),
  );
};

const startLoad = (seconds: number) => {
  const load = [
    spawn(path.join(root, 'lab/labctl'), ['writer', '--duration', String(seconds), '--rate', '20', '--out', path.join(work, `writer-${Date.now()}.jsonl`)], { stdio: 'ignore' }),
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  ];
  for (const c of load) {
    children.add(c);
    c.on('close', () => children.delete(c));
  }
  return () => load.forEach((c) => c.kill('SIGKILL'));
};

const perPoll = (ws: TWindow[]) => ws.map((w) => round(w.cpuMs / Math.max(1, w.polls), 2));
const summary = (ws: TWindow[]) => {
  const cold = perPoll(ws.slice(0, 3));
  const warm = perPoll(ws.slice(-3));
  return { cold: median(cold), coldWindows: cold, warm: median(warm), warmWindows: warm, pollsPerSecond: median(ws.map((w) => w.polls / 10)) };
};

const main = async () => {
  const started = new Date().toISOString();
  const results: Record<string, { base: ReturnType<typeof summary>[]; now: ReturnType<typeof summary>[] }> = {};
  const record = (key: string, base: TWindow[], now: TWindow[]) => {
    const entry = (results[key] ??= { base: [], now: [] });
    const [b, n] = [summary(base), summary(now)];
    entry.base.push(b);
    entry.now.push(n);
    console.log(`  ${BASE}: cold ${b.cold} ms, warm ${b.warm} ms · today: cold ${n.cold} ms, warm ${n.warm} ms per node-poll`);
  };
  const stop = () => {
    for (const c of children) c.kill('SIGKILL');
  };
  process.once('SIGINT', () => {
    stop();
    void labDown({ quiet: true }).finally(() => {
      rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  });
  try {
    const tree = baseTree();
    await labDown({ quiet: true });
    const inventory = JSON.parse(await labUp(DEFAULT_OPTIONS)) as Parameters<typeof forBase>[0];
    const nowFile = path.join(work, 'inventory-now.json');
    const baseFile = path.join(work, 'inventory-base.json');
    writeFileSync(nowFile, JSON.stringify(inventory));
    writeFileSync(baseFile, JSON.stringify(forBase(inventory)));
    for (let r = 0; r < ROUNDS; r++) {
      for (const mode of MODES) {
        console.log(`round ${r + 1}, log stream ${mode}: both collectors at once for ${5 + WINDOWS * 10} s`);
        const stopLoad = LOAD ? startLoad(5 + WINDOWS * 10 + 30) : () => undefined;
        const [base, now] = await Promise.all([runChild(tree, baseFile, mode, `base-${mode}-${r}`), runChild(root, nowFile, mode, `now-${mode}-${r}`)]).finally(stopLoad);
        record(`logStream-${mode}${LOAD ? '-loaded' : ''}`, base, now);
        if (!ALONE) continue;
        console.log(`round ${r + 1}, log stream ${mode}: each collector alone, one after the other`);
        const baseAlone = await runChild(tree, baseFile, mode, `base-alone-${mode}-${r}`);
        const nowAlone = await runChild(root, nowFile, mode, `now-alone-${mode}-${r}`);
        record(`logStream-${mode}-alone`, baseAlone, nowAlone);
      }
    }
  } finally {
    stop();
    await labDown({ quiet: true });
    rmSync(work, { recursive: true, force: true });
  }
  const out = {
    benchmark: 'collector-then-now',
    started,
    machine: { cores: cpus().length, note: LOAD ? 'both collectors, the lab, labctl writer at 20 writes/s and one busy loop on these cores' : 'both collectors, the lab and nothing else on these cores' },
    base: BASE,
    today: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
    unit: 'control-plane CPU ms per node-poll (process.cpuUsage / polls), medians of three 10 s windows',
    results,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/collector-then-now${LOAD ? '-loaded' : ''}.json`, `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify(out.results));
};

await main();
