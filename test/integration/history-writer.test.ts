import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '@/lib/clusters/create-cluster';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { createHistoryWriter } from '@/lib/collector/history-writer';
import { readLag } from '@/lib/collector/read-lag';
import { getDb, type TDb } from '@/lib/db/client';
import { sampleDoc } from '../support/fixtures';

// The collector's lag samples leave in one statement a second, straight to
// the driver (lib/db/raw-sql.ts), on the suite's real database (SQLite and
// MariaDB): what the lag API reads back through Prisma is what was queued,
// times to the millisecond and NULLs as NULLs, and a sample for a cluster
// deleted meanwhile costs only itself.
let db: TDb;
let clusterId = '';

beforeAll(async () => {
  db = await getDb();
  await createCluster({ db, doc: parseWith(ZClusterDocumentSchema, sampleDoc({ name: 'lag-batch', vip: '198.18.0.131' })) });
  clusterId = (await db.cluster.findUniqueOrThrow({ where: { name: 'lag-batch' } })).id;
});

describe('the history writer', () => {
  it('writes a second of lag samples that read back exactly, across statement chunks', async () => {
    const writer = createHistoryWriter(db, 60_000);
    const t0 = Date.parse('2026-12-04T06:00:00.000Z');
    // More rows than one statement carries (LAG_CHUNK).
    const count = 1203;
    for (let i = 0; i < count; i += 1) {
      writer.queueLag({ clusterId, node: i % 2 ? 'node2' : 'node1', at: new Date(t0 + i * 7), secondsBehind: i % 5 === 0 ? null : i / 4, heartbeatLagSeconds: i % 3 === 0 ? null : 0.125 });
    }
    await writer.flush();
    const series = await readLag({ db, name: 'lag-batch', from: new Date(t0), to: new Date(t0 + count * 7) });
    const points = series.flatMap((s) => s.points.map((p) => ({ node: s.node, ...p }))).sort((a, b) => a.at.localeCompare(b.at));
    expect(points).toHaveLength(count);
    points.forEach((p, i) => {
      expect(p).toEqual({ node: i % 2 ? 'node2' : 'node1', at: new Date(t0 + i * 7).toISOString(), secondsBehind: i % 5 === 0 ? null : i / 4, heartbeatLagSeconds: i % 3 === 0 ? null : 0.125 });
    });
  });

  // On SQLite a write outside Prisma's adapter would take a second
  // connection and meet the open transaction's lock: SQLITE_BUSY after the
  // busy timeout with the event loop held, and the user's edit failing.
  it("waits for a transaction in progress (a user's edit) instead of colliding with it", async () => {
    const writer = createHistoryWriter(db, 60_000);
    const at = Date.parse('2026-12-04T08:00:00.000Z');
    const started = Date.now();
    const edits = [
      // Written first, then held open.
      db.$transaction(async (tx) => {
        await tx.cluster.update({ where: { id: clusterId }, data: { description: 'edited in a transaction' } });
        await new Promise((r) => setTimeout(r, 400));
        await tx.cluster.update({ where: { id: clusterId }, data: { description: 'edited twice' } });
      }),
      // Read first, written after the history batch would have gone in.
      db.$transaction(async (tx) => {
        const c = await tx.cluster.findUniqueOrThrow({ where: { id: clusterId } });
        await new Promise((r) => setTimeout(r, 400));
        await tx.node.updateMany({ where: { clusterId: c.id }, data: { passiveOwnTransactions: 3 } });
      }),
    ];
    await new Promise((r) => setTimeout(r, 100));
    writer.queueLag({ clusterId, node: 'node1', at: new Date(at), secondsBehind: 4, heartbeatLagSeconds: 4 });
    await writer.flush();
    await Promise.all(edits);
    expect((await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).description).toBe('edited twice');
    const series = await readLag({ db, name: 'lag-batch', from: new Date(at), to: new Date(at) });
    expect(series.flatMap((s) => s.points.map((p) => p.secondsBehind))).toEqual([4]);
    // A hang guard, not a timing target: the busy timeout is 5 s.
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('keeps the other samples when one names a cluster that no longer exists', async () => {
    const writer = createHistoryWriter(db, 60_000);
    const at = Date.parse('2026-12-04T07:00:00.000Z');
    writer.queueLag({ clusterId, node: 'node1', at: new Date(at), secondsBehind: 1, heartbeatLagSeconds: 1 });
    writer.queueLag({ clusterId: 'deleted-meanwhile', node: 'node1', at: new Date(at + 1), secondsBehind: 2, heartbeatLagSeconds: 2 });
    writer.queueLag({ clusterId, node: 'node2', at: new Date(at + 2), secondsBehind: 3, heartbeatLagSeconds: 3 });
    await writer.flush();
    const series = await readLag({ db, name: 'lag-batch', from: new Date(at), to: new Date(at + 10) });
    expect(series.flatMap((s) => s.points.map((p) => p.secondsBehind)).sort()).toEqual([1, 3]);
    expect(await db.lagSample.count({ where: { clusterId: 'deleted-meanwhile' } })).toBe(0);
  });
});
