// The simulator on its own, for tests that bring their own Tandem (several
// servers, another base address):
//   node --import tsx bench/fleet/main.ts --nodes 100 --base 127.3.0.0 \
//     [--workers 2] [--ssh-port 2222] [--control 3190] [--inventory-dir DIR] [--data-dir DIR] [--churn 6]
// --inventory-dir writes one cluster document per pair (for `tandem import`
// or POST /api/clusters); --data-dir creates the clusters in that Tandem data
// directory directly. Control API on 127.0.0.1:CONTROL, JSON answers:
//   POST /pairs/K/move    → { pair, cluster, at, holder }  (at: ms when ip addr and the logs changed)
//   POST /pairs/K/stall   POST /pairs/K/resume
//   POST /churn?moves=M&lag=L (per minute)
//   GET  /stats           → { collect, probe, streams, refused, simulatorCpuMs }
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { fleetClusterDocument } from './inventory';
import { startFleet } from './simulator';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '100' },
    workers: { type: 'string', default: '2' },
    base: { type: 'string', default: '127.1.0.0' },
    'ssh-port': { type: 'string', default: '2222' },
    control: { type: 'string', default: '3190' },
    'inventory-dir': { type: 'string' },
    'data-dir': { type: 'string' },
    churn: { type: 'string', default: '0' },
  },
});
const o = z
  .object({
    nodes: z.coerce.number().int(),
    workers: z.coerce.number().int(),
    base: z.string(),
    'ssh-port': z.coerce.number().int(),
    control: z.coerce.number().int().min(1024).max(65535),
    'inventory-dir': z.string().optional(),
    'data-dir': z.string().optional(),
    churn: z.coerce.number().min(0),
  })
  .parse(values);

const fleet = await startFleet({ nodes: o.nodes, workers: o.workers, base: o.base, port: o['ssh-port'] });
const inventoryDir = o['inventory-dir'];
if (inventoryDir) {
  mkdirSync(inventoryDir, { recursive: true, mode: 0o700 });
  for (const pair of fleet.pairs) writeFileSync(path.join(inventoryDir, `${pair.cluster}.json`), JSON.stringify(fleetClusterDocument({ pair, sshPort: fleet.port, privateKey: fleet.clientPrivateKey }), null, 2), { mode: 0o600 });
}
const dataDir = o['data-dir'];
if (dataDir) {
  process.env.TANDEM_DATA_DIR = dataDir;
  const { getDb, closeDatabase } = await import('../../lib/db/client');
  const { createFleetInventory } = await import('./inventory');
  await createFleetInventory({ db: await getDb(), pairs: fleet.pairs, sshPort: fleet.port, privateKey: fleet.clientPrivateKey });
  await closeDatabase();
}
if (o.churn > 0) await fleet.churn({ movesPerMinute: o.churn, lagSpikesPerMinute: o.churn * 2 });

const route = async (method: string, url: URL): Promise<unknown> => {
  const pair = /^\/pairs\/(\d+)\/(move|stall|resume)$/.exec(url.pathname);
  if (method === 'POST' && pair) {
    const k = Number(pair[1]);
    if (pair[2] === 'move') return fleet.moveVip(k);
    await (pair[2] === 'stall' ? fleet.stall(k) : fleet.resume(k));
    return { pair: k, [pair[2] === 'stall' ? 'stalled' : 'resumed']: true };
  }
  if (method === 'POST' && url.pathname === '/churn') {
    const churn = { movesPerMinute: Number(url.searchParams.get('moves') ?? 0), lagSpikesPerMinute: Number(url.searchParams.get('lag') ?? 0) };
    await fleet.churn(churn);
    return churn;
  }
  if (method === 'GET' && url.pathname === '/stats') return { ...(await fleet.stats()).totals, simulatorCpuMs: fleet.cpuMs() };
  return undefined;
};

const control = createServer((req, res) => {
  route(req.method ?? 'GET', new URL(req.url ?? '/', 'http://127.0.0.1'))
    .then((body) => {
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: 'no such route' }));
    })
    .catch((e: unknown) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }));
    });
});
control.listen(o.control, '127.0.0.1', () => console.error(`fleet: ${o.nodes} nodes on ${o.base}/16 port ${fleet.port}; control on http://127.0.0.1:${o.control}`));

const stop = () => {
  control.close();
  void fleet.stop().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
