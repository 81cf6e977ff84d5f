import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import * as eventsRoute from '@/app/api/clusters/[name]/events/route';
import * as lagRoute from '@/app/api/clusters/[name]/lag/route';
import * as stateRoute from '@/app/api/clusters/[name]/state/route';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { getDb } from '@/lib/db/client';
import { attachRealtime, publishEvent, publishLag, publishLog } from '@/lib/realtime/attach-realtime';
import { api, authHeaders, tokenFor } from '../support/api';
import { sampleDoc } from '../support/fixtures';

// The read side of the collector over HTTP and Socket.IO, against stored
// state (the collector itself is proven against the lab in test/lab/).
const snapshot: TClusterSnapshot = {
  cluster: 'lab',
  vip: { address: '198.18.0.100', holders: ['node1'] },
  nodes: [],
  findings: [{ code: 'passive-writable', severity: 'warning', node: 'node2', message: 'm', advice: 'a' }],
  observedAt: new Date().toISOString(),
};

const call = async (route: { GET: (req: Request, ctx: { params: Promise<{ name: string }> }) => Promise<Response> }, name: string, query = '') => {
  const res = await route.GET(new Request(`http://127.0.0.1/api/clusters/${name}/x${query}`, { headers: await authHeaders('viewer') }), { params: Promise.resolve({ name }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  expect((await api('POST', '/api/clusters', { json: sampleDoc() })).status).toBe(201);
  expect((await api('POST', '/api/clusters', { json: sampleDoc({ name: 'fresh', vip: '198.18.0.200' }) })).status).toBe(201);
  const db = await getDb();
  const lab = await db.cluster.findUniqueOrThrow({ where: { name: 'lab' } });
  await db.clusterSnapshot.create({ data: { clusterId: lab.id, observedAt: new Date(snapshot.observedAt), json: JSON.stringify(snapshot) } });
  const t = Date.now();
  await db.clusterEvent.createMany({
    data: [
      { clusterId: lab.id, at: new Date(t - 7_200_000), kind: 'vip-moved', node: 'node2', severity: 'info', message: 'old move', data: JSON.stringify({ from: ['node1'], to: ['node2'] }) },
      { clusterId: lab.id, at: new Date(t - 60_000), kind: 'vip-moved', node: 'node1', severity: 'info', message: 'recent move', data: JSON.stringify({ from: ['node2'], to: ['node1'] }) },
      { clusterId: lab.id, at: new Date(t - 7_300_000), kind: 'keepalived-transition', node: 'node1', severity: 'info', message: 'keepalived on node1: BACKUP → MASTER', data: JSON.stringify({ from: 'BACKUP', to: 'MASTER' }) },
    ],
  });
  await db.lagSample.createMany({
    data: [
      { clusterId: lab.id, node: 'node2', at: new Date(t - 30_000), secondsBehind: 3, heartbeatLagSeconds: 3.2 },
      { clusterId: lab.id, node: 'node1', at: new Date(t - 20_000), secondsBehind: 0, heartbeatLagSeconds: null },
      { clusterId: lab.id, node: 'node2', at: new Date(t - 3_600_000), secondsBehind: 99, heartbeatLagSeconds: null },
    ],
  });
});

describe('state, events and lag over HTTP', () => {
  it('serves the saved snapshot, 404 for an unobserved or unknown cluster', async () => {
    const served = await call(stateRoute, 'lab');
    expect(served).toMatchObject({ status: 200, body: { ...snapshot, summary: { vip: 'held', splitBrain: false } } });
    // What the saved state means, decided by the rules the UI and the CLI use: old data is stale.
    expect(served.body).toMatchObject({ summary: { stale: Date.now() - Date.parse(snapshot.observedAt) > 15_000 } });
    expect(await call(stateRoute, 'fresh')).toMatchObject({ status: 404, body: { error: 'not_observed' } });
    expect(await call(stateRoute, 'nope')).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });

  it('lists events since a time (default: the last hour)', async () => {
    expect((await call(eventsRoute, 'lab')).body).toMatchObject({ events: [{ kind: 'vip-moved', message: 'recent move', data: { to: ['node1'] } }] });
    const since = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const all = await call(eventsRoute, 'lab', `?since=${encodeURIComponent(since)}`);
    expect((all.body.events as unknown[]).length).toBe(3);
    // The cluster view's timeline asks for keepalived transitions only.
    const transitions = await call(eventsRoute, 'lab', `?kind=keepalived-transition&since=${encodeURIComponent(since)}`);
    expect((transitions.body.events as { message: string }[]).map((e) => e.message)).toEqual(['keepalived on node1: BACKUP → MASTER']);
    expect((await call(eventsRoute, 'lab', `?kind=keepalived-transition,vip-moved&since=${encodeURIComponent(since)}`)).body.events).toHaveLength(3);
    expect(await call(eventsRoute, 'lab', '?kind=keepalived')).toMatchObject({ status: 400, body: { error: 'invalid', fields: { 'kind.0': expect.any(String) } } });
    expect(await call(eventsRoute, 'lab', '?since=yesterday')).toMatchObject({ status: 400, body: { error: 'invalid', fields: { since: expect.any(String) } } });
    expect(await call(eventsRoute, 'lab', '?limit=0')).toMatchObject({ status: 400, body: { fields: { limit: expect.any(String) } } });
    expect((await call(eventsRoute, 'nope')).status).toBe(404);
  });

  it('returns lag per node for a window (default: the last 15 minutes)', async () => {
    const res = await call(lagRoute, 'lab');
    expect(res.status).toBe(200);
    const series = res.body.series as { node: string; points: { secondsBehind: number }[] }[];
    expect(series.map((s) => [s.node, s.points.map((p) => p.secondsBehind)]).sort()).toEqual([['node1', [0]], ['node2', [3]]]);
    const from = Date.now() - 2 * 3_600_000;
    const wide = await call(lagRoute, 'lab', `?from=${from}`);
    expect((wide.body.series as { node: string; points: unknown[] }[]).find((s) => s.node === 'node2')?.points).toHaveLength(2);
    expect(await call(lagRoute, 'lab', `?from=${Date.now()}&to=${Date.now() - 1000}`)).toMatchObject({ status: 400 });
  });
});

describe('Socket.IO subscriptions', () => {
  let client: Socket;
  let url = '';
  let hello: unknown;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const http = createServer();
    const server = attachRealtime(http, 'test');
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const addr = http.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    client = connect(url, { transports: ['websocket'], reconnection: false, auth: { token: await tokenFor('viewer') } });
    hello = await new Promise<unknown>((r) => client.on('hello', r));
    close = async () => {
      client.close();
      await server.close();
    };
  });
  afterAll(async () => close());

  const emit = (event: string, payload: unknown) => new Promise<unknown>((resolve) => client.emit(event, payload, resolve));

  it('greets an authenticated client with hello, and refuses a handshake without credentials', async () => {
    expect(hello).toMatchObject({ server: 'tandem', version: 'test' });
    for (const auth of [{}, { token: 'tdm_not-a-real-token' }]) {
      const stranger = connect(url, { transports: ['websocket'], reconnection: false, auth });
      const outcome = await new Promise<string>((r) => {
        stranger.on('connect', () => r('connected'));
        stranger.on('connect_error', (e: Error) => r(e.message));
      });
      stranger.close();
      expect(outcome).toBe('unauthorized');
    }
  });

  it('refuses a malformed or unknown subscription', async () => {
    expect(await emit('subscribe', { name: 'lab' })).toEqual({ ok: false, error: 'expected { cluster: NAME }' });
    expect(await emit('subscribe', { cluster: 'nope' })).toEqual({ ok: false, error: 'no cluster named "nope"' });
  });

  it('acknowledges, sends the current state at once, then events for the room only', async () => {
    const states: unknown[] = [];
    const events: unknown[] = [];
    client.on('cluster:state', (s: unknown) => states.push(s));
    client.on('cluster:event', (e: unknown) => events.push(e));
    expect(await emit('subscribe', { cluster: 'lab' })).toEqual({ ok: true });
    await expect.poll(() => states).toEqual([snapshot]);
    const event = { at: new Date().toISOString(), kind: 'vip-moved' as const, node: 'node2', severity: 'info', message: 'moved' };
    publishEvent('fresh', event);
    publishEvent('lab', event);
    await expect.poll(() => events).toEqual([{ ...event, cluster: 'lab' }]);
    expect(await emit('unsubscribe', { cluster: 'lab' })).toEqual({ ok: true });
    publishEvent('lab', { ...event, message: 'after unsubscribe' });
    await new Promise((r) => setTimeout(r, 200));
    expect(events).toHaveLength(1);
  });

  it('sends the keepalived log tail on subscribe, then live log lines and lag samples for the room only', async () => {
    const tails: unknown[] = [];
    const logs: unknown[] = [];
    const lags: unknown[] = [];
    client.on('cluster:log-tail', (t: unknown) => tails.push(t));
    client.on('cluster:log', (l: unknown) => logs.push(l));
    client.on('cluster:lag', (l: unknown) => lags.push(l));
    expect(await emit('subscribe', { cluster: 'lab' })).toEqual({ ok: true });
    // No collector runs in this process: the tail is empty, but it is sent.
    await expect.poll(() => tails).toEqual([{ cluster: 'lab', lines: [] }]);
    const line = { seq: 1, at: new Date().toISOString(), node: 'node2', line: '(VI_1) Entering MASTER STATE' };
    const point = { node: 'node2', at: new Date().toISOString(), secondsBehind: 4, heartbeatLagSeconds: 4.1 };
    publishLog('fresh', [line]);
    publishLag('fresh', point);
    publishLog('lab', [line]);
    publishLag('lab', point);
    await expect.poll(() => [logs, lags]).toEqual([[{ cluster: 'lab', lines: [line] }], [{ ...point, cluster: 'lab' }]]);
    await emit('unsubscribe', { cluster: 'lab' });
  });
});
