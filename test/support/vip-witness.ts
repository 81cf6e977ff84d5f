import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

// The independent witness of VIP moves (bench/vip-watcher.ts, a process of
// its own following the namespaces' address events): every change of the
// holder set with the time the watcher saw it.
export const startVipWitness = () => {
  const moves: { t: number; holders: string }[] = [];
  const child = spawn('node', ['--import', 'tsx', 'bench/vip-watcher.ts', 'node1,node2'], { stdio: ['ignore', 'pipe', 'ignore'] });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const j = JSON.parse(line) as { t0: number; holders: string };
    moves.push({ t: j.t0, holders: j.holders });
  });
  return { moves, stop: () => child.pid !== undefined && process.kill(child.pid, 'SIGTERM') };
};
