import type { ChildProcess } from 'node:child_process';

// Whether a child process the test started has exited within ms (true at
// once if it already has): the servers' stoppers wait with it before a SIGKILL.
export const exitedWithin = (child: ChildProcess, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
