// The benchmark's independent witness: a process of its own that follows
// each node namespace's address changes with `ip monitor address` (the
// kernel's netlink events, so no sampling delay and next to no load) and
// prints, as JSON lines, every change of the set of nodes holding the VIP
// with the time it saw it. It shares nothing with Tandem.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { netnsName, VIP, type TNodeName } from '../lab/config';

const nodes = (process.argv[2] ?? 'node1,node2').split(',') as TNodeName[];
const held = new Map<TNodeName, boolean>();
let last: string | undefined;

const report = () => {
  const holders = nodes.filter((n) => held.get(n)).join(',');
  if (holders === last) return;
  last = holders;
  const t = Date.now();
  process.stdout.write(`${JSON.stringify({ t0: t, t1: t, holders })}\n`);
};

const monitors = nodes.map((node) => {
  const child = spawn('ip', ['-n', netnsName(node), '-o', 'monitor', 'address'], { stdio: ['ignore', 'pipe', 'ignore'] });
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.includes(` ${VIP}/`)) return;
    held.set(node, !line.startsWith('Deleted'));
    report();
  });
  return child;
});

// The state before the first event (the monitors already listen).
for (const node of nodes) {
  const r = spawnSync('ip', ['-n', netnsName(node), '-o', 'addr', 'show'], { encoding: 'utf8', timeout: 5000 });
  if (!held.has(node)) held.set(node, r.stdout.split('\n').some((l) => l.includes(` ${VIP}/`)));
}
report();

process.on('SIGTERM', () => {
  for (const m of monitors) m.kill('SIGTERM');
  process.exit(0);
});
