import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFleetInventory } from '@/bench/fleet/inventory';
import { startFleet, type TFleet } from '@/bench/fleet/simulator';
import { createCluster } from '@/lib/clusters/create-cluster';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { closeDatabase, getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { resetSecretKeyCache } from '@/lib/secrets/secret-key';
import { createToken } from '@/lib/tokens/create-token';
import { createUser } from '@/lib/users/create-user';
import { sampleDoc, sampleNode } from '../support/fixtures';
import { startRedis, type TRedisServer } from '../support/redis-server';
import { assertBuilt, startTandem, watchedBy as watchedByServer, type TTandemProcess } from '../support/tandem-process';

// Three real Tandem servers (the production build) on one MariaDB inventory
// and one Redis: the clusters divided among them, a killed server's clusters
// watched again elsewhere within 10 s, a page on one server fed live by
// another (a VIP move on a simulated pair included), and never one cluster
// watched by two servers at once, checked two ways: /metrics of all three
// sampled every 200 ms, and every server's own log of when it started and
// stopped watching each cluster.
// Seven clusters whose nodes refuse at once, and one pair of the fleet
// simulator (bench/fleet: SSH servers on loopback answering the real agents).
const UNREACHABLE = 7;
const unreachable = Array.from({ length: UNREACHABLE }, (_, i) => `m${i}`);
const SIMULATED = 'sim-0000';
const names = [...unreachable, SIMULATED].sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: TRedisServer;
let fleet: TFleet | undefined;
let schema = '';
let dir = '';
let token = '';
let serverEnv: Record<string, string> = {};
const servers = new Map<string, TTandemProcess>();
// Every process ever started (a restarted server is a new one), for the log check.
const processes: TTandemProcess[] = [];
const killedAt = new Map<number, number>();
const sockets: Socket[] = [];

const freePorts = async (want: number): Promise<number[]> => {
  const found: number[] = [];
  for (let port = 3260; port < 3280 && found.length < want; port += 1) {
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) found.push(port);
  }
  if (found.length < want) throw new Error('no free ports in 3260–3279');
  return found;
};
let ports: number[] = [];

const watchedBy = (s: TTandemProcess): Promise<string[]> => watchedByServer(s, token);

// Who watches what now, by every live server's own /metrics.
const watchMap = async (): Promise<Map<string, string[]>> => {
  const live = [...servers.values()].filter((s) => s.isAlive());
  const lists = await Promise.all(live.map(async (s) => [s.id, await watchedBy(s).catch(() => [])] as const));
  const map = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const [id, list] of lists) for (const c of list) map.get(c)?.push(id);
  return map;
};

// The sampler runs for the whole file.
const sampler = { running: true, samples: 0, twice: [] as string[], loop: Promise.resolve() };

const until = async (what: () => Promise<boolean>, ms: number, label: string): Promise<number> => {
  const t0 = Date.now();
  for (;;) {
    if (await what()) return Date.now() - t0;
    if (Date.now() - t0 > ms) throw new Error(`${label}: not within ${ms} ms; now ${JSON.stringify([...(await watchMap()).entries()])}`);
    await sleep(100);
  }
};

const eachOnce = async () => [...(await watchMap()).values()].every((ids) => ids.length === 1);

const start = async (id: string, port: number) => {
  const s = await startTandem({ id, port, dataDir: path.join(dir, id), env: serverEnv });
  servers.set(id, s);
  processes.push(s);
  return s;
};

beforeAll(async () => {
  assertBuilt();
  redis = await startRedis();
  dir = mkdtempSync(path.join(tmpdir(), 'tandem-multi-'));
  const base = inject('mariadbUrl');
  schema = `multi_${process.pid}`;
  const conn = await mysql.createConnection({ uri: base });
  await conn.query(`CREATE DATABASE \`${schema}\``);
  await conn.end();
  const secret = randomBytes(32).toString('hex');
  serverEnv = { DATABASE_URL: `${base}/${schema}`, TANDEM_REDIS_URL: redis.url, TANDEM_SECRET_KEY: secret, TANDEM_NOTIFICATIONS: 'off', TANDEM_LOG_STREAM: 'off' };
  // The inventory, written by this process as the CLI would.
  Object.assign(process.env, { DATABASE_URL: serverEnv.DATABASE_URL, TANDEM_SECRET_KEY: secret, TANDEM_DATA_DIR: path.join(dir, 'cli') });
  resetEnvCache();
  resetSecretKeyCache();
  const db = await getDb();
  await createUser({ db, name: 'multi', role: 'admin', password: 'a long enough password' });
  token = (await createToken({ db, name: 'multi', role: 'admin', createdBy: 'test' })).token;
  // Nodes that refuse at once (port 1 on loopback): the leases do not care
  // whether polls succeed, and a refused poll still makes a snapshot.
  for (const [i, name] of unreachable.entries()) {
    const node = (n: number) => ({ ...sampleNode(n), host: `127.3.255.${2 * i + n}`, ssh: { ...sampleNode(n).ssh, port: 1 } });
    await createCluster({ db, doc: parseWith(ZClusterDocumentSchema, sampleDoc({ name, vip: `127.3.254.${i + 1}`, virtualRouterId: 60 + i, nodes: [node(1), node(2)] })) });
  }
  // One simulated pair on 127.3.0.4/.5 (VIP .6), its host keys pinned in the
  // inventory as bench/fleet/inventory.ts does.
  fleet = await startFleet({ nodes: 2, workers: 1, base: '127.3.0.0', port: 2222, keyDir: path.join(dir, 'fleet'), clusterPrefix: 'sim' });
  await createFleetInventory({ db, pairs: fleet.pairs, sshPort: fleet.port, privateKey: fleet.clientPrivateKey });
  ports = await freePorts(3);
  await Promise.all([start('srv-a', ports[0] ?? 0), start('srv-b', ports[1] ?? 0), start('srv-c', ports[2] ?? 0)]);
  sampler.loop = (async () => {
    while (sampler.running) {
      const map = await watchMap();
      sampler.samples += 1;
      for (const [c, ids] of map) if (ids.length > 1) sampler.twice.push(`${c}: ${ids.join(', ')}`);
      await sleep(200);
    }
  })();
}, 90_000);

afterAll(async () => {
  // TANDEM_MULTI_LOGS=FILE keeps every server's output for a post-mortem.
  if (process.env.TANDEM_MULTI_LOGS) writeFileSync(process.env.TANDEM_MULTI_LOGS, JSON.stringify(Object.fromEntries([...servers.values()].map((s) => [s.id, s.raw])), null, 1));
  sampler.running = false;
  await sampler.loop;
  for (const s of sockets) s.close();
  await Promise.all([...servers.values()].map((s) => s.kill('SIGTERM')));
  await closeDatabase();
  if (schema) {
    const conn = await mysql.createConnection({ uri: inject('mariadbUrl') });
    await conn.query(`DROP DATABASE IF EXISTS \`${schema}\``);
    await conn.end();
  }
  await redis?.stop();
  await fleet?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('three servers on one inventory', () => {
  it('divide eight clusters 3/3/2, each watched by exactly one', async () => {
    const took = await until(async () => (await eachOnce()) && (await Promise.all([...servers.values()].map(watchedBy))).map((l) => l.length).sort().join() === '2,3,3', 20_000, 'fair share');
    console.log(`fair share reached ${took} ms after all three answered`);
  });

  it('a page on one server sees, live, a cluster another server watches', async () => {
    const map = await watchMap();
    const [a, b] = [servers.get('srv-a'), servers.get('srv-b')];
    const cluster = names.find((n) => map.get(n)?.[0] === 'srv-b');
    if (!a || !b || !cluster) throw new Error('no cluster on srv-b');
    const socket = connect(a.url, { transports: ['websocket'], reconnection: false, auth: { token } });
    sockets.push(socket);
    const states: { observedAt: string; at: number }[] = [];
    socket.on('cluster:state', (s: { cluster: string; observedAt: string }) => s.cluster === cluster && states.push({ observedAt: s.observedAt, at: Date.now() }));
    const subscribed = await new Promise<{ ok: boolean }>((resolve) => socket.emit('subscribe', { cluster }, resolve));
    expect(subscribed.ok).toBe(true);
    // srv-b pushes its state at least every 5 s; through Redis it reaches srv-a's socket.
    await until(async () => states.length >= 2, 8000, 'pushes from srv-b');
    expect(new Set(states.map((s) => s.observedAt)).size).toBeGreaterThanOrEqual(2);
  });

  it('a page on one server sees a VIP move on a simulated pair another server watches', async () => {
    const map = await watchMap();
    const watcher = map.get(SIMULATED)?.[0];
    const page = [...servers.values()].find((s) => s.id !== watcher);
    if (!fleet || !watcher || !page) throw new Error(`${SIMULATED} not watched by one server`);
    const socket = connect(page.url, { transports: ['websocket'], reconnection: false, auth: { token } });
    sockets.push(socket);
    const states: { at: number; holders: string[] }[] = [];
    socket.on('cluster:state', (s: { cluster: string; vip: { holders: string[] } }) => s.cluster === SIMULATED && states.push({ at: Date.now(), holders: [...s.vip.holders] }));
    expect(await new Promise<{ ok: boolean }>((resolve) => socket.emit('subscribe', { cluster: SIMULATED }, resolve))).toMatchObject({ ok: true });
    await until(async () => states.at(-1)?.holders.join() === 'node1', 10_000, 'node1 holding the VIP on the page');
    const move = await fleet.moveVip(0);
    expect(move.holder).toBe('node2');
    // A hang guard, not a timing target.
    await until(async () => states.some((s) => s.at >= move.at && s.holders.join() === move.holder), 10_000, `${move.holder} holding the VIP on the page`);
    const seen = states.find((s) => s.at >= move.at && s.holders.join() === move.holder);
    expect(seen?.holders).toEqual([move.holder]);
    console.log(`VIP move on ${SIMULATED} (watched by ${watcher}) seen by a page on ${page.id} ${(seen?.at ?? 0) - move.at} ms after the simulator moved it`);
  });

  it('an action asked of one server runs on the server that watches the cluster', async () => {
    const map = await watchMap();
    const a = servers.get('srv-a');
    // Unreachable nodes: the dry run's preflight fails whatever the VIP did.
    const cluster = unreachable.find((n) => map.get(n)?.[0] === 'srv-c');
    if (!a || !cluster) throw new Error('no cluster on srv-c');
    const res = await fetch(`${a.url}/api/clusters/${cluster}/actions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'switchover', dryRun: true, params: { to: 'node2' } }) });
    const body: unknown = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ allowed: false, preflight: expect.arrayContaining([expect.objectContaining({ ok: false })]) });
    expect(servers.get('srv-c')?.logs.some((l) => l.msg === 'action request forwarded here' && l.cluster === cluster)).toBe(true);
    expect(servers.get('srv-a')?.logs.some((l) => l.msg === 'action request forwarded here')).toBe(false);
  });

  it('sign-in failures on one server count on the others (Redis)', async () => {
    const signin = (s: TTandemProcess | undefined) =>
      fetch(`${s?.url}/api/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json', origin: s?.url ?? '' }, body: JSON.stringify({ name: 'multi', password: 'wrong password here' }) }).then((r) => r.status);
    for (const id of ['srv-a', 'srv-b', 'srv-c', 'srv-a', 'srv-b']) expect(await signin(servers.get(id))).toBe(401);
    expect(await signin(servers.get('srv-c'))).toBe(429);
  });

  it('a killed server: its clusters are watched again elsewhere within 10 s', async () => {
    const map = await watchMap();
    const victim = [...servers.values()].sort((x, y) => [...map.values()].filter((i) => i[0] === y.id).length - [...map.values()].filter((i) => i[0] === x.id).length)[0];
    if (!victim) throw new Error('no server');
    const orphans = names.filter((n) => map.get(n)?.[0] === victim.id);
    const t0 = Date.now();
    await victim.kill('SIGKILL');
    killedAt.set(victim.pid, t0);
    const took = await until(async () => {
      const now = await watchMap();
      return orphans.every((c) => (now.get(c) ?? []).length === 1);
    }, 10_000, 'failover');
    console.log(`${orphans.length} clusters of ${victim.id} watched again after ${took} ms`);
    expect(took).toBeLessThan(10_000);
    expect(await eachOnce()).toBe(true);
  });

  it('a server that (re)joins takes its fair share', async () => {
    const gone = [...servers.values()].find((s) => !s.isAlive());
    if (!gone) throw new Error('no killed server');
    const t0 = Date.now();
    const back = await start(gone.id, gone.port);
    const ready = Date.now() - t0;
    const took = await until(async () => (await eachOnce()) && (await watchedBy(back)).length >= 2, 15_000, 'rejoin');
    console.log(`${gone.id} answered after ${ready} ms and held its share ${took} ms later`);
  });

  it('a Redis outage stops no server; pushes cross servers again once it is back', async () => {
    const map = await watchMap();
    const a = servers.get('srv-a');
    const cluster = names.find((n) => (map.get(n)?.[0] ?? 'srv-a') !== 'srv-a');
    if (!a || !cluster) throw new Error('no cluster watched off srv-a');
    await redis.stop();
    await sleep(1000);
    for (const s of servers.values()) expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
    const t0 = Date.now();
    const refused = await fetch(`${a.url}/api/clusters/${cluster}/actions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'switchover', dryRun: true, params: { to: 'node2' } }) });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ message: expect.stringMatching(/Redis, which forwards the request, does not answer/) });
    expect(Date.now() - t0).toBeLessThan(3000);
    await redis.restart();
    const socket = connect(a.url, { transports: ['websocket'], reconnection: false, auth: { token } });
    sockets.push(socket);
    let pushes = 0;
    socket.on('cluster:state', (s: { cluster: string }) => void (s.cluster === cluster && (pushes += 1)));
    await new Promise((resolve) => socket.emit('subscribe', { cluster }, resolve));
    const took = await until(async () => pushes >= 2, 10_000, 'pushes after the outage');
    console.log(`pushes from another server reached srv-a again ${took} ms after subscribing`);
    expect([...servers.values()].every((s) => s.isAlive())).toBe(true);
  });

  it('no cluster was ever watched by two servers: in any sample, nor in the servers\' own logs', async () => {
    expect(sampler.samples).toBeGreaterThan(20);
    expect(sampler.twice).toEqual([]);
    // Every interval a server watched a cluster, from its log; a killed
    // server's last intervals end when it was killed.
    type TSpan = { server: string; from: number; to: number };
    const spans = new Map<string, TSpan[]>();
    for (const s of processes) {
      const logs = s.logs;
      const open = new Map<string, number>();
      const end = s.isAlive() ? Date.now() : (killedAt.get(s.pid) ?? Date.now());
      for (const l of logs) {
        const c = typeof l.cluster === 'string' ? l.cluster : '';
        if (l.msg === 'collector watching cluster') open.set(c, Date.parse(l.t));
        if (l.msg === 'collector stopped watching cluster') {
          const from = open.get(c);
          if (from !== undefined) (spans.get(c) ?? spans.set(c, []).get(c))?.push({ server: `${s.id}/${s.pid}`, from, to: Date.parse(l.t) });
          open.delete(c);
        }
      }
      for (const [c, from] of open) (spans.get(c) ?? spans.set(c, []).get(c))?.push({ server: `${s.id}/${s.pid}`, from, to: end });
    }
    const overlaps: string[] = [];
    for (const [c, list] of spans) {
      for (const x of list) for (const y of list) if (x !== y && x.server !== y.server && x.from < y.to && y.from < x.to) overlaps.push(`${c}: ${x.server} ${x.from}-${x.to} / ${y.server} ${y.from}-${y.to}`);
    }
    expect(overlaps).toEqual([]);
    expect([...spans.keys()].sort()).toEqual(names);
    console.log(`${sampler.samples} samples of all servers' /metrics, ${[...spans.values()].flat().length} watch intervals from their logs: no cluster watched twice`);
  });
});
