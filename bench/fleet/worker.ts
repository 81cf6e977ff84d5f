// A simulator worker process: serves its share of the fleet's pairs and obeys
// the parent (bench/fleet/simulator.ts) over IPC.
import { randomInt } from 'node:crypto';
import { createPair, moveVip, type TPairModel } from './node-model';
import { ZToWorkerSchema, type TChurn, type TCounts, type TFromWorker, type TToWorker } from './messages';
import { serveNode, type TNodeServer } from './ssh-node';

const pairs = new Map<number, { model: TPairModel; servers: TNodeServer[] }>();
let churnTimer: NodeJS.Timeout | undefined;

const send = (m: TFromWorker): void => void process.send?.(m);

const move = (index: number) => {
  const p = pairs.get(index);
  if (!p) throw new Error(`no pair ${index} in this worker`);
  const moved = moveVip(p.model, Date.now());
  setTimeout(moved.later, 1000).unref();
  return { at: moved.at, from: moved.from, to: moved.to, holder: p.model.nodes[moved.to].name };
};

// Background churn: random VIP moves and lag spikes, each at a Poisson rate.
const startChurn = (churn: TChurn) => {
  clearInterval(churnTimer);
  const tickMs = 250;
  churnTimer = setInterval(() => {
    const list = [...pairs.values()];
    if (list.length === 0) return;
    if (Math.random() < (churn.movesPerMinute / 60_000) * tickMs) {
      const p = list[randomInt(list.length)];
      if (p) {
        const m = move(p.model.index);
        send({ type: 'churned', pair: p.model.index, at: m.at, holder: m.holder });
      }
    }
    if (Math.random() < (churn.lagSpikesPerMinute / 60_000) * tickMs) {
      const p = list[randomInt(list.length)];
      if (p) p.model.lagSpike = { until: Date.now() + 10_000 + randomInt(20_000), seconds: 5 + randomInt(60) };
    }
  }, tickMs);
  churnTimer.unref();
};

const totals = (): TCounts => {
  const t: TCounts = { collect: 0, probe: 0, streams: 0, refused: 0 };
  for (const p of pairs.values()) for (const s of p.servers) for (const k of ['collect', 'probe', 'streams', 'refused'] as const) t[k] += s.counters[k];
  return t;
};

const handle = async (m: TToWorker): Promise<void> => {
  switch (m.type) {
    case 'start': {
      const now = Date.now();
      for (const spec of m.pairs) {
        const model = createPair({ index: spec.index, cluster: spec.cluster, addresses: spec.addresses, now });
        const servers = await Promise.all((['a', 'b'] as const).map((role) => serveNode({ node: model.nodes[role], hostKey: spec.hostKeys[role], clientPublicKey: m.clientPublicKey, port: m.port })));
        pairs.set(spec.index, { model, servers });
      }
      return send({ type: 'ok', id: m.id });
    }
    case 'move':
      return send({ type: 'moved', id: m.id, pair: m.pair, ...move(m.pair) });
    case 'stall':
    case 'resume': {
      const p = pairs.get(m.pair);
      if (!p) throw new Error(`no pair ${m.pair} in this worker`);
      for (const s of p.servers) (m.type === 'stall' ? s.stall : s.resume)();
      return send({ type: 'ok', id: m.id });
    }
    case 'churn':
      startChurn(m.churn);
      return send({ type: 'ok', id: m.id });
    case 'stats':
      return send({ type: 'stats', id: m.id, totals: totals(), collectsByPair: Object.fromEntries([...pairs].map(([i, p]) => [String(i), p.servers.reduce((n, s) => n + s.counters.collect, 0)])) });
    case 'stop':
      clearInterval(churnTimer);
      await Promise.all([...pairs.values()].flatMap((p) => p.servers.map((s) => s.close())));
      send({ type: 'ok', id: m.id });
      process.exit(0);
  }
};

process.on('message', (raw: unknown) => {
  const parsed = ZToWorkerSchema.safeParse(raw);
  if (!parsed.success) return;
  const m = parsed.data;
  handle(m).catch((e: unknown) => send({ type: 'error', id: m.id, message: e instanceof Error ? e.message : String(e) }));
});
// The parent went away: nothing left to simulate for.
process.on('disconnect', () => process.exit(0));
