// The fleet simulator: N nodes (N/2 pairs) over real SSH, spread over W
// worker processes, each node an SSH server on its own loopback address
// (BASE + 4 + 4k and +5 for pair k, its VIP +6). The parent holds no nodes:
// it hands out pairs, relays control (move a VIP, stall a pair, churn) and
// reads the workers' CPU from /proc.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { fleetKeys, hostFingerprint } from './keys';
import { ZFromWorkerSchema, type TChurn, type TCounts, type TFromWorker, type TPairSpec, type TToWorker } from './messages';
import { cpuMs } from './proc';

// Simulated nodes live on loopback only (the network rule of this machine).
const ZBaseSchema = z.string().regex(/^127\.\d{1,3}\.0\.0$/, 'must be 127.X.0.0 (a /16 inside loopback)');

export const ZFleetOptionsSchema = z.object({
  nodes: z.int().min(2).max(16_000).refine((n) => n % 2 === 0, 'must be even (pairs)'),
  workers: z.int().min(1).max(64).default(2),
  base: ZBaseSchema.default('127.1.0.0'),
  port: z.int().min(1).max(65535).default(2222),
  keyDir: z.string().default(path.join(process.cwd(), '.tmp', 'fleet')),
  clusterPrefix: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/).default('fleet'),
});
export type TFleetOptions = z.input<typeof ZFleetOptionsSchema>;

export type TFleetNode = { name: 'node1' | 'node2'; host: string; fingerprint: string };
export type TFleetPair = { index: number; cluster: string; vip: string; nodes: [TFleetNode, TFleetNode] };
export type TMove = { pair: number; cluster: string; at: number; holder: string };

// Omit over each member of the union, not over the union's common keys.
type TWithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

const WORKER = path.join(path.dirname(new URL(import.meta.url).pathname), 'worker.ts');

const addressOf = (base: string, offset: number): string => {
  const [a, b] = base.split('.').map(Number);
  return `${a}.${b}.${Math.floor(offset / 256)}.${offset % 256}`;
};

export const startFleet = async (input: TFleetOptions) => {
  const o = ZFleetOptionsSchema.parse(input);
  const pairCount = o.nodes / 2;
  if (4 + 4 * pairCount + 3 > 65_535) throw new Error('too many pairs for a /16');
  const keys = fleetKeys({ dir: o.keyDir, hosts: o.nodes });
  const specs: TPairSpec[] = Array.from({ length: pairCount }, (_, k) => ({
    index: k,
    cluster: `${o.clusterPrefix}-${String(k).padStart(4, '0')}`,
    addresses: { a: addressOf(o.base, 4 + 4 * k), b: addressOf(o.base, 5 + 4 * k), vip: addressOf(o.base, 6 + 4 * k), gateway: addressOf(o.base, 1) },
    hostKeys: { a: keys.hosts[2 * k] ?? '', b: keys.hosts[2 * k + 1] ?? '' },
  }));
  const pairs: TFleetPair[] = specs.map((s) => ({
    index: s.index,
    cluster: s.cluster,
    vip: s.addresses.vip,
    nodes: [
      { name: 'node1', host: s.addresses.a, fingerprint: hostFingerprint(s.hostKeys.a) },
      { name: 'node2', host: s.addresses.b, fingerprint: hostFingerprint(s.hostKeys.b) },
    ],
  }));

  const workerCount = Math.min(o.workers, pairCount);
  const workers: ChildProcess[] = [];
  const waiting = new Map<number, { resolve: (m: TFromWorker) => void; reject: (e: Error) => void }>();
  const churned: TMove[] = [];
  let nextId = 1;
  for (let w = 0; w < workerCount; w++) {
    const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (raw: unknown) => {
      const parsed = ZFromWorkerSchema.safeParse(raw);
      if (!parsed.success) return;
      const m = parsed.data;
      if (m.type === 'churned') {
        churned.push({ pair: m.pair, cluster: specs[m.pair]?.cluster ?? '', at: m.at, holder: m.holder });
        return;
      }
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.type === 'error') w?.reject(new Error(m.message));
      else w?.resolve(m);
    });
    // A worker that dies leaves every question unanswered: fail them rather than wait forever.
    child.on('exit', (code, signal) => {
      for (const [id, w] of waiting) {
        waiting.delete(id);
        w.reject(new Error(`simulator worker ${child.pid} exited (${signal ?? code})`));
      }
    });
    workers.push(child);
  }
  const workerOf = (pair: number): ChildProcess => {
    const w = workers[pair % workers.length];
    if (!w) throw new Error(`no worker for pair ${pair}`);
    return w;
  };
  const ask = (child: ChildProcess, m: TWithoutId<TToWorker>): Promise<TFromWorker> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.send({ ...m, id });
    });

  await Promise.all(workers.map((child, w) => ask(child, { type: 'start', port: o.port, clientPublicKey: keys.client.public, pairs: specs.filter((s) => s.index % workers.length === w) })));

  const pairIndex = (pair: number) => {
    if (!specs[pair]) throw new Error(`no pair ${pair}`);
    return pair;
  };

  return {
    pairs,
    port: o.port,
    clientPrivateKey: keys.client.private,
    workerPids: () => workers.flatMap((w) => (w.pid === undefined ? [] : [w.pid])),
    // Moves pair K's VIP now; `at` is the worker's clock when ip addr and both logs changed.
    moveVip: async (pair: number): Promise<TMove> => {
      const m = await ask(workerOf(pairIndex(pair)), { type: 'move', pair });
      if (m.type !== 'moved') throw new Error(`unexpected answer ${m.type}`);
      return { pair, cluster: specs[pair]?.cluster ?? '', at: m.at, holder: m.holder };
    },
    stall: async (pair: number) => void (await ask(workerOf(pairIndex(pair)), { type: 'stall', pair })),
    resume: async (pair: number) => void (await ask(workerOf(pairIndex(pair)), { type: 'resume', pair })),
    churn: async (churn: TChurn) => void (await Promise.all(workers.map((w) => ask(w, { type: 'churn', churn })))),
    churned: (): readonly TMove[] => churned,
    stats: async (): Promise<{ totals: TCounts; collectsByPair: Map<number, number> }> => {
      const answers = await Promise.all(workers.map((w) => ask(w, { type: 'stats' })));
      const totals: TCounts = { collect: 0, probe: 0, streams: 0, refused: 0 };
      const collectsByPair = new Map<number, number>();
      for (const a of answers) {
        if (a.type !== 'stats') continue;
        for (const k of ['collect', 'probe', 'streams', 'refused'] as const) totals[k] += a.totals[k];
        for (const [i, n] of Object.entries(a.collectsByPair)) collectsByPair.set(Number(i), n);
      }
      return { totals, collectsByPair };
    },
    // The simulator's own CPU (its workers; the parent only relays), in ms.
    cpuMs: (): number => cpuMs(workers.flatMap((w) => (w.pid === undefined ? [] : [w.pid]))),
    stop: async () => {
      await Promise.allSettled(workers.map((w) => (w.connected ? ask(w, { type: 'stop' }) : Promise.resolve())));
      for (const w of workers) if (w.exitCode === null && w.pid !== undefined) w.kill('SIGTERM');
    },
  };
};

export type TFleet = Awaited<ReturnType<typeof startFleet>>;
