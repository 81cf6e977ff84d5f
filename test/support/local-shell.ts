import { spawn } from 'node:child_process';
import type { TShellChannel } from '@/agents/node-shell';

// A real local `sh` shaped like an SSH channel, so the kept-shell protocol is
// tested against a real shell without a network.
export const localShellChannel = (): TShellChannel & { pid: number | undefined } => {
  const child = spawn('sh', [], { stdio: ['pipe', 'pipe', 'pipe'] });
  return {
    pid: child.pid,
    write: (text) => void child.stdin.write(text),
    onData: (cb) => void child.stdout.on('data', cb),
    onStderr: (cb) => void child.stderr.on('data', cb),
    onClose: (cb) => void child.on('close', () => cb()),
    close: () => {
      child.stdin.end();
      child.kill('SIGTERM');
    },
  };
};
