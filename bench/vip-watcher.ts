// The benchmark's independent witness: a process of its own that reads each
// node namespace's addresses every 20 ms with `ip -n` and prints, as JSON
// lines, every change of the set of nodes holding the VIP, with the times
// the reading began and ended. It shares nothing with Tandem.
import { spawnSync } from 'node:child_process';
import { netnsName, VIP, type TNodeName } from '../lab/config';

const nodes = (process.argv[2] ?? 'node1,node2').split(',') as TNodeName[];
const EVERY_MS = 20;

const holds = (node: TNodeName): boolean => {
  const r = spawnSync('ip', ['-n', netnsName(node), '-o', '-4', 'addr', 'show'], { encoding: 'utf8', timeout: 2000 });
  return r.stdout.split('\n').some((l) => l.includes(` ${VIP}/`));
};

let last = '';
const tick = () => {
  const t0 = Date.now();
  const holders = nodes.filter(holds).join(',');
  const t1 = Date.now();
  if (holders !== last) {
    last = holders;
    process.stdout.write(`${JSON.stringify({ t0, t1, holders })}\n`);
  }
  setTimeout(tick, Math.max(0, EVERY_MS - (Date.now() - t0)));
};
tick();
process.on('SIGTERM', () => process.exit(0));
