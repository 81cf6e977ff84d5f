// One collector in its own process, for bench/collector-then-now.ts: started
// with its working directory at a tree of Tandem (today's, or a worktree of an
// older commit), it imports that tree's collector, watches the lab from an
// inventory file and prints one JSON line per 10 s window of CPU per
// node-poll. Only the exports every version since the bench began has kept
// are used (startCollector, importCluster, pollCount, getDb).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sleep } from '../lab/sys';

const [inventoryFile, windowsArg, warmArg] = process.argv.slice(2);
if (!inventoryFile) throw new Error('usage: collector-cpu-child.ts INVENTORY.json WINDOWS WARMUP_S');
const root = process.cwd();
const from = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(root, file)).href)) as T;

type TDb = unknown;
const { getDb } = await from<{ getDb: () => Promise<TDb> }>('lib/db/client.ts');
const { importCluster } = await from<{ importCluster: (o: { db: TDb; doc: unknown }) => Promise<unknown> }>('lib/clusters/import-cluster.ts');
const { parseWith, ZClusterDocumentSchema } = await from<{ parseWith: (s: unknown, v: unknown) => unknown; ZClusterDocumentSchema: unknown }>('lib/clusters/schema.ts');
const { startCollector } = await from<{ startCollector: (o: { db: TDb; sinks: { onSnapshot: () => void; onEvent: () => void } }) => void }>('lib/collector/collector.ts');
const { pollCount } = await from<{ pollCount: () => number }>('lib/collector/poll-node.ts');

const db = await getDb();
await importCluster({ db, doc: parseWith(ZClusterDocumentSchema, JSON.parse(readFileSync(inventoryFile, 'utf8'))) });
startCollector({ db, sinks: { onSnapshot: () => undefined, onEvent: () => undefined } });
await sleep(Number(warmArg ?? 5) * 1000);
for (let w = 0; w < Number(windowsArg ?? 3); w++) {
  const polls0 = pollCount();
  const cpu0 = process.cpuUsage();
  await sleep(10_000);
  const cpu = process.cpuUsage(cpu0);
  const polls = pollCount() - polls0;
  console.log(JSON.stringify({ window: w, polls, cpuMs: (cpu.user + cpu.system) / 1000, systemMs: cpu.system / 1000 }));
}
process.exit(0);
