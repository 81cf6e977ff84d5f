// Fleet-scale benchmark: Tandem, unchanged, against N simulated nodes over
// real SSH (bench/fleet/), 1 poll/s per node. For each N: Tandem's CPU and
// RSS (from /proc), CPU per node-poll (node-polls counted by the simulator,
// from outside), event-loop p99 and inventory writes/s (from /metrics), the
// simulator's own CPU apart, the VIP-move → browser push latency, and a dead
// pair beside the same fleet just before. N=2 first: the same-run baseline.
// Writes bench/results/fleet.json.
//   npm run bench:fleet -- --nodes 100,300,1000 --windows 3 --seconds 20 --moves 12
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { measureSize } from './fleet/measure-size';
import { median, round } from './stats';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '100,300,1000' },
    baseline: { type: 'string', default: '2' },
    workers: { type: 'string', default: '2' },
    windows: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '20' },
    moves: { type: 'string', default: '12' },
    churn: { type: 'string', default: '6' },
    base: { type: 'string', default: '127.1.0.0' },
    'ssh-port': { type: 'string', default: '2222' },
    port: { type: 'string', default: '3150' },
    out: { type: 'string', default: 'bench/results/fleet.json' },
    // V8 flags for Tandem's process (NODE_OPTIONS), e.g. to compare heap settings.
    'node-options': { type: 'string', default: '' },
  },
});

const ZCountSchema = z.coerce.number().int().min(2).refine((n) => n % 2 === 0, 'an even node count');
const options = z
  .object({
    nodes: z.string().transform((s) => s.split(',').map((n) => ZCountSchema.parse(n))),
    baseline: z.coerce.number().int().min(0),
    workers: z.coerce.number().int().min(1).max(16),
    windows: z.coerce.number().int().min(1),
    seconds: z.coerce.number().min(5),
    moves: z.coerce.number().int().min(1),
    churn: z.coerce.number().min(0),
    base: z.string().regex(/^127\.\d{1,3}\.0\.0$/),
    'ssh-port': z.coerce.number().int().min(1).max(65535),
    port: z.coerce.number().int().min(3100).max(3199),
    out: z.string(),
    'node-options': z.string(),
  })
  .parse(values);

const main = async () => {
  const started = new Date().toISOString();
  const sizes = [...(options.baseline > 0 ? [options.baseline] : []), ...options.nodes];
  const results: Awaited<ReturnType<typeof measureSize>>[] = [];
  for (const nodes of sizes) {
    console.error(`fleet: N=${nodes}`);
    results.push(await measureSize({ nodes, workers: options.workers, windows: options.windows, windowSeconds: options.seconds, moves: options.moves, base: options.base, sshPort: options['ssh-port'], tandemPort: options.port, churnPerMinute: options.churn, nodeOptions: options['node-options'] }));
  }
  const cores = cpus().length;
  // Beside the baseline: the CPU each extra node-poll costs (a fixed cost, the
  // idle server's own work, weighs on the per-poll figure at small N).
  const base = options.baseline > 0 ? results[0] : undefined;
  const marginal = (r: (typeof results)[number]) => {
    if (!base || r === base) return null;
    const cpu = (w: (typeof r.windows)[number][]) => median(w.map((x) => x.tandemCpuMs / x.seconds));
    const polls = (w: (typeof r.windows)[number][]) => median(w.map((x) => x.nodePolls / x.seconds));
    return round((cpu(r.windows) - cpu(base.windows)) / Math.max(1, polls(r.windows) - polls(base.windows)), 3);
  };
  for (const r of results) Object.assign(r.summary, { marginalCpuMsPerNodePoll: marginal(r) });
  const out = {
    benchmark: 'fleet',
    started,
    machine: { cores, note: 'Tandem, the simulator and the bench share these cores' },
    pollIntervalMs: 1000,
    targets: { tandemCoresAt1000: 1, rssMBAt1000: 1024, loopP99Ms: 100, pushP95Ms: 250 },
    sizes: results,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(out, null, 2)}\n`);
  const rows = results.map((r) => [r.nodes, r.summary.pollsPerNodePerSecond, r.summary.tandemCores, r.summary.cpuMsPerNodePoll, marginal(r) ?? '–', r.summary.rssMB, r.summary.loopP99Ms, r.summary.dbWritesPerSecond, `${r.moves.p50Ms}/${r.moves.p95Ms}`, r.summary.simulatorCores].map(String));
  const head = ['N', 'polls/node/s', 'Tandem cores', 'CPU ms/node-poll', 'marginal', 'RSS MB', 'loop p99 ms', 'DB writes/s', 'push p50/p95 ms', 'simulator cores'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  console.log(`fleet benchmark, ${cores} cores (medians of ${options.windows} windows of ${options.seconds} s; pushes over ${options.moves} moves)`);
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log(`wrote ${options.out}`);
};

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});
