import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabase, type TDb } from '@/lib/db/client';
import type { TDialect } from '@/lib/db/dialect';
import { startLeaseKeeper, type TLeaseKeeper } from '@/lib/servers/lease-keeper';

// Several lease keepers in one process, as several servers would run them,
// on the suite's real database (SQLite and MariaDB): the share, the hand-over
// when one leaves or joins, and the rule that a keeper cut off from the
// database drops its clusters before anyone else may take them.
const TTL = 3000;
const RENEW = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let db: TDb;
let dialect: TDialect;
const keepers = new Map<string, TLeaseKeeper>();
let clusterIds: string[] = [];

// A database handle whose every call fails while cut is true (a server that
// lost its connection), the others unaffected.
const cuttable = (real: TDb) => {
  const state = { cut: false };
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get: (t, key, receiver) => {
        const v: unknown = Reflect.get(t, key, receiver);
        if (typeof v === 'function') return (...args: unknown[]) => (state.cut ? Promise.reject(new Error('connection lost')) : Reflect.apply(v, t, args));
        if (typeof v === 'object' && v !== null) return wrap(v);
        return v;
      },
    });
  return { db: wrap(real), state };
};

const start = async (id: string, handle: TDb = db): Promise<TLeaseKeeper> => {
  const k = await startLeaseKeeper({ db: handle, dialect, serverId: id, process: `test:${id}`, url: `http://${id}`, ttlMs: TTL, renewMs: RENEW, onLost: () => undefined, onGained: () => undefined });
  keepers.set(id, k);
  return k;
};

const holders = () => new Map(clusterIds.map((c) => [c, [...keepers.entries()].filter(([, k]) => k.isHeld(c)).map(([id]) => id)]));
const counts = () => [...keepers.entries()].map(([id, k]) => [id, k.held().length] as const);

// Samples who holds what every 20 ms while `work` runs: never two holders.
const neverTwice = async (work: () => Promise<void>): Promise<number> => {
  let samples = 0;
  let worst = 0;
  let done = false;
  const sampler = (async () => {
    while (!done) {
      for (const ids of holders().values()) worst = Math.max(worst, ids.length);
      samples += 1;
      await sleep(20);
    }
  })();
  try {
    await work();
  } finally {
    done = true;
    await sampler;
  }
  expect(worst).toBeLessThanOrEqual(1);
  return samples;
};

const until = async (what: () => boolean, ms: number): Promise<number> => {
  const t0 = Date.now();
  while (!what()) {
    if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms: ${JSON.stringify(counts())}`);
    await sleep(50);
  }
  return Date.now() - t0;
};

beforeAll(async () => {
  ({ db, dialect } = await getDatabase());
  for (let i = 0; i < 7; i += 1) clusterIds.push((await db.cluster.create({ data: { name: `lease${i}`, vip: `10.0.0.${i + 1}` }, select: { id: true } })).id);
});

afterAll(async () => {
  for (const k of keepers.values()) await k.stop().catch(() => undefined);
});

describe('cluster leases', () => {
  it('three servers share seven clusters 3/2/2, each held once', async () => {
    await neverTwice(async () => {
      await start('s-a');
      await start('s-b');
      await start('s-c');
      await until(() => [...holders().values()].every((h) => h.length === 1) && counts().every(([, n]) => n >= 2), 4 * RENEW * 3);
    });
    expect(counts().map(([, n]) => n).sort()).toEqual([2, 2, 3]);
  });

  it('a server that stops hands its clusters over at once, never twice', async () => {
    await neverTwice(async () => {
      await keepers.get('s-b')?.stop();
      keepers.delete('s-b');
      const took = await until(() => [...holders().values()].every((h) => h.length === 1), 3 * RENEW + 500);
      expect(took).toBeLessThan(3 * RENEW + 500);
    });
    expect(counts().map(([, n]) => n).sort()).toEqual([3, 4]);
  });

  it('a server that joins takes its fair share from the others', async () => {
    await neverTwice(async () => {
      await start('s-d');
      await until(() => counts().every(([, n]) => n >= 2) && [...holders().values()].every((h) => h.length === 1), 6 * RENEW);
    });
  });

  it('a server cut off from the database drops its clusters before its leases expire; the others take them after', async () => {
    const { db: handle, state } = cuttable(db);
    const e = await start('s-e', handle);
    await until(() => e.held().length > 0, 6 * RENEW);
    const mine = e.held();
    const cutAt = Date.now();
    let droppedAfter = 0;
    await neverTwice(async () => {
      state.cut = true;
      droppedAfter = await until(() => e.held().length === 0, TTL);
      await until(() => mine.every((c) => (holders().get(c) ?? []).length === 1), TTL + 3 * RENEW);
    });
    // The keeper gave up at TTL minus the margin (1 s) after its last renewal.
    expect(droppedAfter).toBeLessThan(TTL);
    const rows = await db.clusterLease.findMany({ where: { clusterId: { in: mine } } });
    expect(rows.every((r) => r.owner !== 's-e' && r.acquiredAt.getTime() >= cutAt)).toBe(true);
    state.cut = false;
    await e.stop();
    keepers.delete('s-e');
  });

  it('a second live process with the same server id is refused', async () => {
    await expect(startLeaseKeeper({ db, dialect, serverId: 's-a', process: 'test:other', url: 'http://x', ttlMs: TTL, renewMs: RENEW, onLost: () => undefined, onGained: () => undefined })).rejects.toThrow(/another live server uses TANDEM_SERVER_ID s-a/);
  });

  it('a removed cluster takes its lease with it', async () => {
    const id = clusterIds.pop() ?? '';
    await db.cluster.delete({ where: { id } });
    expect(await db.clusterLease.count({ where: { clusterId: id } })).toBe(0);
  });
});
