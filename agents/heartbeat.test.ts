import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describeHeartbeatError, startHeartbeat, type THeartbeat } from './heartbeat';

const credentials = { port: 0, user: 'probe', password: 'probe-password' };
let running: THeartbeat | undefined;
let server: Server | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  await running?.stop();
  running = undefined;
  sockets.splice(0).forEach((s) => s.destroy());
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

// A port that accepts and never says anything: what a host that swallows
// packets looks like to mysql2's connect timeout, without leaving loopback.
const silentPort = async (): Promise<number> => {
  server = createServer((s) => void sockets.push(s));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

const closedPort = async (): Promise<number> => {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
};

const firstError = async (hb: THeartbeat): Promise<string> => {
  await expect.poll(() => hb.status().error, { timeout: 15_000 }).not.toBeNull();
  return hb.status().error ?? '';
};

describe('the heartbeat says why it fails in words that stay put', () => {
  it('a VIP that answers nothing is "nothing answers", whether the connect timed out or the host was unreachable', async () => {
    const port = await silentPort();
    running = startHeartbeat({ vip: '127.0.0.1', credentials: { ...credentials, port }, intervalMs: 100 });
    const timedOut = await firstError(running);
    expect(timedOut).toBe(`nothing answers at 127.0.0.1:${port} (no route to the host, or the connection timed out)`);
    expect(running.status().failingSince).not.toBeNull();
    // The kernel's other answer for the same absent host, shaped as Node raises it.
    const unreachable = Object.assign(new Error(`connect EHOSTUNREACH 127.0.0.1:${port}`), { code: 'EHOSTUNREACH', errno: -113, syscall: 'connect' });
    expect(describeHeartbeatError(unreachable, { host: '127.0.0.1', port })).toBe(timedOut);
  });

  it('a refused connection says nothing listens; a server error keeps its own message', async () => {
    const port = await closedPort();
    running = startHeartbeat({ vip: '127.0.0.1', credentials: { ...credentials, port }, intervalMs: 100 });
    expect(await firstError(running)).toBe(`connection refused at 127.0.0.1:${port}: nothing listens on the MySQL port there`);
    const readOnly = Object.assign(new Error('The MariaDB server is running with the --read-only option so it cannot execute this statement'), { code: 'ER_OPTION_PREVENTS_STATEMENT', errno: 1290 });
    expect(describeHeartbeatError(readOnly, { host: '127.0.0.1', port })).toBe(readOnly.message);
  });
});
