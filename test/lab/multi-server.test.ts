import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '@/lib/clusters/create-cluster';
import { importCluster } from '@/lib/clusters/import-cluster';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { closeDatabase, getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { resetSecretKeyCache } from '@/lib/secrets/secret-key';
import { createToken } from '@/lib/tokens/create-token';
import { createUser } from '@/lib/users/create-user';
import { sampleDoc, sampleNode } from '../support/fixtures';
import { labctlAsync, labctlOk } from '../support/labctl';
import { startMariadb } from '../support/mariadb-server';
import { startRedis, type TRedisServer } from '../support/redis-server';
import { assertBuilt, startTandem, watchedBy, type TTandemProcess } from '../support/tandem-process';

// Two real Tandem servers on one MariaDB inventory and one Redis, the lab's
// pair among three clusters: a browser connected to the server that does NOT
// watch the lab sees the lab's VIP move, live, as the watching server observes it.
type TState = { cluster: string; vip: { holders: string[] } };
type TEvent = { cluster: string; kind: string };

let mariadb: { url: string; stop: () => Promise<void> } | undefined;
let redis: TRedisServer | undefined;
let dir = '';
let token = '';
const servers: TTandemProcess[] = [];
let socket: Socket | undefined;
let direct: Socket | undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  assertBuilt();
  labctlOk(['down']);
  labctlOk(['up', '--fast-failover']);
  [mariadb, redis] = await Promise.all([startMariadb(), startRedis()]);
  dir = mkdtempSync(path.join(tmpdir(), 'tandem-lab-multi-'));
  const conn = await mysql.createConnection({ uri: mariadb.url });
  await conn.query('CREATE DATABASE tandem_multi');
  await conn.end();
  const env = { DATABASE_URL: `${mariadb.url}/tandem_multi`, TANDEM_REDIS_URL: redis.url, TANDEM_SECRET_KEY: randomBytes(32).toString('hex'), TANDEM_NOTIFICATIONS: 'off' };
  Object.assign(process.env, { DATABASE_URL: env.DATABASE_URL, TANDEM_SECRET_KEY: env.TANDEM_SECRET_KEY, TANDEM_DATA_DIR: path.join(dir, 'cli') });
  resetEnvCache();
  resetSecretKeyCache();
  const db = await getDb();
  await createUser({ db, name: 'lab-multi', role: 'admin', password: 'a long enough password' });
  token = (await createToken({ db, name: 'lab-multi', role: 'admin', createdBy: 'test' })).token;
  await importCluster({ db, doc: parseWith(ZClusterDocumentSchema, JSON.parse(readFileSync('lab/.state/inventory.json', 'utf8'))) });
  // Two more (nodes that refuse at once), so that each server watches something.
  for (const i of [1, 2]) {
    const node = (n: number) => ({ ...sampleNode(n), host: `127.3.253.${2 * i + n}`, ssh: { ...sampleNode(n).ssh, port: 1 } });
    await createCluster({ db, doc: parseWith(ZClusterDocumentSchema, sampleDoc({ name: `other${i}`, vip: `127.3.252.${i}`, virtualRouterId: 70 + i, nodes: [node(1), node(2)] })) });
  }
  servers.push(...(await Promise.all([startTandem({ id: 'lab-a', port: 3261, dataDir: path.join(dir, 'a'), env }), startTandem({ id: 'lab-b', port: 3262, dataDir: path.join(dir, 'b'), env })])));
}, 150_000);

afterAll(async () => {
  socket?.close();
  direct?.close();
  await Promise.all(servers.map((s) => s.kill('SIGTERM')));
  await closeDatabase();
  await redis?.stop();
  await mariadb?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  labctlOk(['down']);
});

describe('a VIP move on a cluster another server watches', () => {
  it('reaches a browser on this server live', async () => {
    // Wait until the lab is watched by exactly one of the two.
    let watcher: TTandemProcess | undefined;
    for (let i = 0; i < 100 && !watcher; i += 1) {
      const lists = await Promise.all(servers.map((s) => watchedBy(s, token)));
      const holders = servers.filter((_, k) => lists[k]?.includes('lab'));
      if (holders.length === 1) watcher = holders[0];
      else await sleep(200);
    }
    const page = servers.find((s) => s !== watcher);
    if (!watcher || !page) throw new Error('the lab is not watched by one server');
    socket = connect(page.url, { transports: ['websocket'], reconnection: false, auth: { token } });
    const states: { at: number; holders: string[] }[] = [];
    const events: { at: number; kind: string }[] = [];
    socket.on('cluster:state', (s: TState) => s.cluster === 'lab' && states.push({ at: Date.now(), holders: [...s.vip.holders] }));
    socket.on('cluster:event', (e: TEvent) => e.cluster === 'lab' && events.push({ at: Date.now(), kind: e.kind }));
    expect(await new Promise<{ ok: boolean }>((resolve) => socket?.emit('subscribe', { cluster: 'lab' }, resolve))).toMatchObject({ ok: true });
    // The same pushes on the watching server's own page: what the hop through Redis costs.
    direct = connect(watcher.url, { transports: ['websocket'], reconnection: false, auth: { token } });
    const directStates: { at: number; holders: string[] }[] = [];
    direct.on('cluster:state', (s: TState) => s.cluster === 'lab' && directStates.push({ at: Date.now(), holders: [...s.vip.holders] }));
    await new Promise((resolve) => direct?.emit('subscribe', { cluster: 'lab' }, resolve));
    for (let i = 0; i < 100 && !states.some((s) => s.holders.join() === 'node1'); i += 1) await sleep(100);
    expect(states.at(-1)?.holders).toEqual(['node1']);
    const t0 = Date.now();
    // In the background: labctl waits for keepalived to exit (≈ 3 s), and
    // this process must keep receiving pushes meanwhile.
    const fault = labctlAsync(['fault', 'stop-keepalived', 'node1']);
    try {
      for (let i = 0; i < 150 && !states.some((s) => s.at > t0 && s.holders.join() === 'node2'); i += 1) await sleep(50);
      const moved = states.find((s) => s.at > t0 && s.holders.join() === 'node2');
      expect(moved, JSON.stringify(states.slice(-5))).toBeDefined();
      const directMoved = directStates.find((s) => s.at > t0 && s.holders.join() === 'node2');
      console.log(`VIP on node2 seen by a page on ${page.id} (watched by ${watcher.id}) ${(moved?.at ?? 0) - t0} ms after stop-keepalived began; by a page on ${watcher.id} itself ${(directMoved?.at ?? 0) - t0} ms`);
      for (let i = 0; i < 40 && !events.some((e) => e.kind === 'vip-moved'); i += 1) await sleep(50);
      expect(events.some((e) => e.kind === 'vip-moved' && e.at > t0)).toBe(true);
      expect((await fault).code).toBe(0);
    } finally {
      await fault;
      labctlOk(['fault', 'start-keepalived', 'node1']);
    }
  });
});
