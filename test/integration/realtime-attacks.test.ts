import { createServer, type Server as HttpServer } from 'node:http';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, deleteSession, sessionIdOf } from '@/lib/auth/sessions';
import { createCluster } from '@/lib/clusters/create-cluster';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { getDb } from '@/lib/db/client';
import { attachRealtime } from '@/lib/realtime/attach-realtime';
import { endRealtimeFor } from '@/lib/realtime/end-realtime';
import { createToken } from '@/lib/tokens/create-token';
import { revokeToken } from '@/lib/tokens/revoke-token';
import { createUser } from '@/lib/users/create-user';
import { sampleDoc } from '../support/fixtures';

// Socket.IO over a real HTTP server, attacked as a browser on another origin
// and as a principal whose access has ended.
let http: HttpServer;
let url = '';
let host = '';
const clients: Socket[] = [];

beforeAll(async () => {
  const db = await getDb();
  await createCluster({ db, doc: parseWith(ZClusterDocumentSchema, sampleDoc()) });
  http = createServer();
  attachRealtime(http, 'test');
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const a = http.address();
  host = typeof a === 'object' && a ? `127.0.0.1:${a.port}` : '';
  url = `http://${host}`;
});

afterAll(async () => {
  for (const c of clients) c.close();
  await new Promise<void>((r) => http.close(() => r()));
});

const open = (options: { cookie?: string; token?: string; origin?: string; transport: 'websocket' | 'polling' }): Promise<{ socket: Socket; error: string | null }> =>
  new Promise((resolve) => {
    const headers: Record<string, string> = { ...(options.cookie && { cookie: options.cookie }), ...(options.origin && { origin: options.origin }) };
    const socket = connect(url, { transports: [options.transport], reconnection: false, extraHeaders: headers, ...(options.token && { auth: { token: options.token } }) });
    clients.push(socket);
    socket.once('connect', () => resolve({ socket, error: null }));
    socket.once('connect_error', (e) => resolve({ socket, error: e.message }));
  });

const sessionCookie = async (name: string) => {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { name } });
  const { token } = await createSession({ db, userId: user.id, ip: null, userAgent: null });
  return { token, cookie: `tandem_session=${token}` };
};

const disconnected = (socket: Socket): Promise<string> => new Promise((resolve) => (socket.connected ? socket.once('disconnect', (reason) => resolve(reason)) : resolve('already')));
const subscribe = (socket: Socket): Promise<{ ok: boolean; error?: string }> => new Promise((resolve) => socket.emit('subscribe', { cluster: 'lab' }, resolve));

describe('the Socket.IO handshake', () => {
  beforeAll(async () => {
    await createUser({ db: await getDb(), name: 'sock', role: 'viewer', password: 'a long enough password' });
  });

  it('refuses another origin that carries a valid session cookie, on both transports', async () => {
    const { cookie } = await sessionCookie('sock');
    for (const transport of ['websocket', 'polling'] as const) {
      const foreign = await open({ cookie, origin: 'http://127.0.0.1:9999', transport });
      expect(foreign.error, transport).not.toBeNull();
      expect(foreign.socket.connected).toBe(false);
      const own = await open({ cookie, origin: url, transport });
      expect(own.error, transport).toBeNull();
      own.socket.close();
    }
  });

  it('drops a signed-out session\'s live connections, and re-checks the principal on subscribe', async () => {
    const db = await getDb();
    const first = await sessionCookie('sock');
    const a = await open({ cookie: first.cookie, origin: url, transport: 'websocket' });
    expect(await subscribe(a.socket)).toEqual({ ok: true });
    const gone = disconnected(a.socket);
    await deleteSession({ db, token: first.token });
    expect(endRealtimeFor({ sessionIds: [sessionIdOf(first.token)] })).toBe(1);
    expect(await gone).toBe('io server disconnect');

    // Ended without this process being told (another process, an expiry):
    // the next subscribe finds out.
    const second = await sessionCookie('sock');
    const b = await open({ cookie: second.cookie, origin: url, transport: 'websocket' });
    await deleteSession({ db, token: second.token });
    const goneToo = disconnected(b.socket);
    expect(await subscribe(b.socket)).toEqual({ ok: false, error: 'unauthorized' });
    expect(await goneToo).toBe('io server disconnect');
  });

  it('drops a revoked token\'s live connections', async () => {
    const db = await getDb();
    const { token } = await createToken({ db, name: 'sock-token', role: 'viewer', createdBy: 'test' });
    const c = await open({ token, transport: 'websocket' });
    expect(c.error).toBeNull();
    const gone = disconnected(c.socket);
    await revokeToken({ db, name: 'sock-token' });
    expect(await gone).toBe('io server disconnect');
    expect((await open({ token, transport: 'websocket' })).error).toBe('unauthorized');
  });
});
