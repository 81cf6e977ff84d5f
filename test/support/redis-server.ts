import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { exitedWithin } from './child-exit';

// A throwaway Redis for tests: Debian's redis-server on 127.0.0.1, nothing
// saved, started here and stopped by pid. Ports 6390–6399 are the tests'.
export type TRedisServer = { url: string; port: number; pid: number; stop: () => Promise<void>; restart: () => Promise<void> };

const ping = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once('error', () => done(false));
    s.once('connect', () => s.write('PING\r\n'));
    s.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });


const launch = async (port: number): Promise<ChildProcess | null> => {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: 'ignore' });
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return null;
    if (await ping(port)) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  return null;
};

export const startRedis = async (ports: number[] = [6390, 6391, 6392, 6393, 6394, 6395, 6396, 6397, 6398, 6399]): Promise<TRedisServer> => {
  for (const port of ports) {
    // A port another engineer's Redis answers on is not ours to use.
    if (await ping(port)) continue;
    let child = await launch(port);
    if (!child) continue;
    const stopChild = async () => {
      const c = child;
      if (!c) return;
      child = null;
      c.kill('SIGTERM');
      if (!(await exitedWithin(c, 5000))) c.kill('SIGKILL');
      await exitedWithin(c, 2000);
    };
    const server: TRedisServer = {
      url: `redis://127.0.0.1:${port}`,
      port,
      pid: child.pid ?? 0,
      stop: stopChild,
      restart: async () => {
        await stopChild();
        child = await launch(port);
        if (!child) throw new Error(`redis-server did not start again on ${port}`);
        server.pid = child.pid ?? 0;
      },
    };
    return server;
  }
  throw new Error('redis-server did not start on any of ports 6390–6399 (apt-get install redis-server)');
};
