import { createServer, type Server as HttpServer } from 'node:http';
import type { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '@/lib/clusters/create-cluster';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { ZFleetBatchSchema, type TFleetBatch } from '@/lib/cluster-state/fleet-summary';
import { statusOf } from '@/lib/cluster-state/overall-status';
import { createHistoryWriter } from '@/lib/collector/history-writer';
import { getDb } from '@/lib/db/client';
import { attachRealtime, publishSnapshot } from '@/lib/realtime/attach-realtime';
import { FLEET_ROOM } from '@/lib/realtime/fleet-stream';
import { createToken } from '@/lib/tokens/create-token';
import { sampleDoc } from '../support/fixtures';
import { recordedSnapshot } from '../support/snapshots';

// The overview's stream over a real Socket.IO server: the whole fleet on
// subscribe, then batches holding only what changed.
let http: HttpServer;
let io: Server;
let url = '';
const clients: Socket[] = [];
let opened = 0;

beforeAll(async () => {
  const db = await getDb();
  await createCluster({ db, doc: parseWith(ZClusterDocumentSchema, sampleDoc({ name: 'fleet-a' })) });
  await createCluster({ db, doc: parseWith(ZClusterDocumentSchema, sampleDoc({ name: 'fleet-b', vip: '198.18.0.101' })) });
  const a = await db.cluster.findUniqueOrThrow({ where: { name: 'fleet-a' } });
  const history = createHistoryWriter(db);
  history.queueSnapshot(a.id, { ...recordedSnapshot('node1-mysqld-stopped'), cluster: 'fleet-a' });
  await history.flush();
  http = createServer();
  io = attachRealtime(http, 'test');
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const addr = http.address();
  url = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}` : '';
});

afterAll(async () => {
  for (const c of clients) c.close();
  await new Promise<void>((r) => http.close(() => r()));
});

const open = async (role: 'viewer' | 'operator'): Promise<Socket> => {
  const { token } = await createToken({ db: await getDb(), name: `fleet-${role}-${(opened += 1)}`, role, createdBy: 'test' });
  const socket = connect(url, { transports: ['websocket'], reconnection: false, auth: { token } });
  clients.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
};

const nextBatch = (socket: Socket, timeoutMs = 3000): Promise<TFleetBatch> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no fleet batch')), timeoutMs);
    socket.once('fleet:summaries', (payload: unknown) => {
      clearTimeout(t);
      resolve(ZFleetBatchSchema.parse(payload));
    });
  });

// Subscribes and waits for the whole fleet that answers it.
const subscribeFleet = async (socket: Socket): Promise<TFleetBatch> => {
  const initial = nextBatch(socket);
  await new Promise((r) => socket.emit('subscribe-fleet', {}, r));
  return initial;
};

describe('the fleet summary stream', () => {
  it('sends every cluster on subscribe, the saved state where nobody watches it live', async () => {
    const socket = await open('viewer');
    const first = nextBatch(socket);
    const ack = await new Promise<unknown>((r) => socket.emit('subscribe-fleet', {}, r));
    expect(ack).toEqual({ ok: true });
    const all = await first;
    const byName = new Map(all.changed.map((s) => [s.cluster, s]));
    expect([...byName.keys()].sort()).toEqual(['fleet-a', 'fleet-b']);
    expect(byName.get('fleet-a')).toMatchObject({ status: 'critical', holders: ['node2'] });
    expect(byName.get('fleet-a')?.findings.critical).toBeGreaterThan(0);
    expect(byName.get('fleet-b')).toMatchObject({ status: 'unknown', observedAt: null });
  });

  it('batches pushes: a changed summary in full, an unchanged one as its observation time only', async () => {
    const socket = await open('viewer');
    const bystander = await open('viewer');
    await subscribeFleet(socket);
    let strayBatches = 0;
    bystander.on('fleet:summaries', () => (strayBatches += 1));

    const healthy = { ...recordedSnapshot('healthy'), cluster: 'fleet-b' };
    const changed = nextBatch(socket);
    // Three pushes within one flush window: one message with the latest.
    publishSnapshot('fleet-b', { ...healthy, observedAt: '2026-12-03T10:00:00.000Z' });
    publishSnapshot('fleet-b', { ...healthy, observedAt: '2026-12-03T10:00:01.000Z' });
    publishSnapshot('fleet-b', { ...healthy, observedAt: '2026-12-03T10:00:02.000Z' });
    const b1 = await changed;
    expect(b1.changed).toHaveLength(1);
    expect(b1.changed[0]).toMatchObject({ cluster: 'fleet-b', status: statusOf(healthy), holders: ['node1'], observedAt: '2026-12-03T10:00:02.000Z' });
    expect(b1.changed[0]?.links.map((l) => `${l.from}>${l.to}:${l.health}`).sort()).toEqual(['node1>node2:running', 'node2>node1:running']);
    expect(b1.observed).toEqual([]);

    const again = nextBatch(socket);
    publishSnapshot('fleet-b', { ...healthy, observedAt: '2026-12-03T10:00:05.000Z' });
    const b2 = await again;
    expect(b2.changed).toEqual([]);
    expect(b2.observed).toEqual([['fleet-b', '2026-12-03T10:00:05.000Z']]);

    const moved = nextBatch(socket);
    publishSnapshot('fleet-b', { ...healthy, vip: { ...healthy.vip, holders: ['node2'] }, observedAt: '2026-12-03T10:00:06.000Z' });
    expect((await moved).changed[0]).toMatchObject({ cluster: 'fleet-b', holders: ['node2'] });
    // Only sockets that asked for the fleet get it.
    expect(strayBatches).toBe(0);
  });

  it('sends an unchanged summary in full again once 10 s of observation have passed, so a page that missed a change does not keep it', async () => {
    const socket = await open('viewer');
    await subscribeFleet(socket);
    const healthy = { ...recordedSnapshot('healthy'), cluster: 'fleet-a' };
    const first = nextBatch(socket);
    publishSnapshot('fleet-a', { ...healthy, observedAt: '2026-12-03T12:00:00.000Z' });
    expect((await first).changed[0]).toMatchObject({ cluster: 'fleet-a', holders: ['node1'] });
    const quiet = nextBatch(socket);
    publishSnapshot('fleet-a', { ...healthy, observedAt: '2026-12-03T12:00:09.999Z' });
    expect(await quiet).toEqual({ changed: [], observed: [['fleet-a', '2026-12-03T12:00:09.999Z']] });
    const resent = nextBatch(socket);
    publishSnapshot('fleet-a', { ...healthy, observedAt: '2026-12-03T12:00:10.000Z' });
    const b = await resent;
    expect(b.changed).toHaveLength(1);
    expect(b.changed[0]).toMatchObject({ cluster: 'fleet-a', holders: ['node1'], observedAt: '2026-12-03T12:00:10.000Z' });
    expect(b.observed).toEqual([]);
  });

  it('with no overview open nothing is queued, and a page that subscribes later gets each cluster\'s next summary in full', async () => {
    // Everyone from the tests above leaves.
    for (const c of clients.splice(0)) c.close();
    const healthy = { ...recordedSnapshot('healthy'), cluster: 'fleet-b' };
    const first = await open('viewer');
    await subscribeFleet(first);
    const seen = nextBatch(first);
    publishSnapshot('fleet-b', { ...healthy, observedAt: '2026-12-03T11:00:00.000Z' });
    expect((await seen).changed[0]).toMatchObject({ cluster: 'fleet-b', holders: ['node1'] });
    first.close();
    clients.splice(0);
    // The server drops a closed socket from its rooms on its own time.
    const started = Date.now();
    while ((io.sockets.adapter.rooms.get(FLEET_ROOM)?.size ?? 0) > 0 && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 20));
    expect(io.sockets.adapter.rooms.get(FLEET_ROOM)?.size ?? 0).toBe(0);
    // The VIP moves while nobody watches the overview, then moves back.
    publishSnapshot('fleet-b', { ...healthy, vip: { ...healthy.vip, holders: ['node2'] }, observedAt: '2026-12-03T11:00:01.000Z' });
    const later = await open('viewer');
    await subscribeFleet(later);
    const back = nextBatch(later);
    publishSnapshot('fleet-b', { ...healthy, observedAt: '2026-12-03T11:00:02.000Z' });
    const b = await back;
    expect(b.changed).toHaveLength(1);
    expect(b.changed[0]).toMatchObject({ cluster: 'fleet-b', holders: ['node1'], observedAt: '2026-12-03T11:00:02.000Z' });
  });
});
