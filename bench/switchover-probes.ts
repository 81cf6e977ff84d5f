// The switchover benchmark's witnesses, each a process of its own so that
// neither shares an event loop with the engine it judges (the sampler's
// `ip` calls are synchronous and would stall it):
//   writer OUT RATE  the lab writer through the VIP until SIGTERM (its log: OUT)
//   sampler          every ~50 ms, each node's VIP and @@read_only, one JSON line
//                    per sample on stdout: {"t":…,"vip":[1,0],"ro":[0,1]}
// Both end cleanly on SIGTERM.
import type mysql from 'mysql2/promise';
import type { TNodeName } from '../lab/config';
import { connectNode } from '../lab/mariadb';
import { holdsVip } from '../lab/network';
import { sleep } from '../lab/sys';
import { runWriter } from '../lab/writer';

const NODES: TNodeName[] = ['node1', 'node2'];
const SAMPLE_EVERY_MS = 50;
let isStopping = false;
process.on('SIGTERM', () => void (isStopping = true));

// A root connection per node, kept open (a new one per sample would cost
// more than the sample), reopened after an error.
const connections = new Map<TNodeName, mysql.Connection>();
const readOnlyOf = async (node: TNodeName): Promise<0 | 1 | null> => {
  try {
    let conn = connections.get(node);
    if (!conn) {
      conn = await connectNode(node, 1000);
      connections.set(node, conn);
    }
    const [rows] = await conn.query<mysql.RowDataPacket[]>({ sql: 'SELECT @@GLOBAL.read_only AS ro', timeout: 1000 });
    return Number(rows[0]?.ro) === 1 ? 1 : 0;
  } catch {
    connections.get(node)?.destroy();
    connections.delete(node);
    return null;
  }
};

const sample = async () => {
  while (!isStopping) {
    const t = Date.now();
    const ro = await Promise.all(NODES.map(readOnlyOf));
    const vip = NODES.map((n) => (holdsVip(n) ? 1 : 0));
    process.stdout.write(`${JSON.stringify({ t, vip, ro })}\n`);
    await sleep(Math.max(0, t + SAMPLE_EVERY_MS - Date.now()));
  }
  for (const c of connections.values()) c.destroy();
};

const [mode, out, rate] = process.argv.slice(2);
if (mode === 'writer' && out) {
  const r = await runWriter({ durationS: 24 * 3600, rate: Number(rate ?? 50), out, shouldStop: () => isStopping });
  process.stdout.write(`${JSON.stringify(r)}\n`);
} else if (mode === 'sampler') {
  await sample();
} else {
  process.stderr.write('usage: switchover-probes.ts writer OUT RATE | sampler\n');
  process.exitCode = 2;
}
