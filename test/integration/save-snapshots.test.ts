import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '@/lib/clusters/create-cluster';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { saveSnapshots, type TSnapshotRow } from '@/lib/collector/save-snapshots';
import { getDb, type TDb } from '@/lib/db/client';
import { sampleDoc } from '../support/fixtures';

// The collector's batched snapshot save on the suite's real database (SQLite
// and MariaDB): what Prisma reads back is what was written, a second save
// replaces the first, and one row that cannot be saved costs only itself.
let db: TDb;
const ids: string[] = [];

beforeAll(async () => {
  db = await getDb();
  // More clusters than one statement carries, so the save spans chunks.
  for (let i = 0; i < 130; i += 1) {
    await createCluster({ db, doc: parseWith(ZClusterDocumentSchema, sampleDoc({ name: `snap-${i}`, vip: `198.18.0.${(i % 200) + 20}` })) });
    ids.push((await db.cluster.findUniqueOrThrow({ where: { name: `snap-${i}` } })).id);
  }
});

const rowsAt = (at: Date, tag: string): TSnapshotRow[] => ids.map((clusterId, i) => ({ clusterId, observedAt: new Date(at.getTime() + i), json: JSON.stringify({ tag, i, quote: `it's "quoted" \\ ; --` }) }));

describe('saving the fleet snapshots in batches', () => {
  it('creates every row, then replaces each with the newer save, dates read back exactly', async () => {
    const first = new Date('2026-12-03T10:00:00.123Z');
    await saveSnapshots(db, rowsAt(first, 'first'));
    const second = new Date('2026-12-03T10:00:01.456Z');
    await saveSnapshots(db, rowsAt(second, 'second'));
    const saved = await db.clusterSnapshot.findMany({ where: { clusterId: { in: ids } } });
    expect(saved).toHaveLength(ids.length);
    const byId = new Map(saved.map((s) => [s.clusterId, s]));
    ids.forEach((id, i) => {
      const s = byId.get(id);
      expect(s?.observedAt.getTime()).toBe(second.getTime() + i);
      expect(JSON.parse(s?.json ?? '{}')).toEqual({ tag: 'second', i, quote: `it's "quoted" \\ ; --` });
    });
  });

  it('saves the others when one row names a cluster that no longer exists', async () => {
    const at = new Date('2026-12-03T11:00:00.000Z');
    const rows = [...rowsAt(at, 'third').slice(0, 3), { clusterId: 'deleted-meanwhile', observedAt: at, json: '{}' }];
    await saveSnapshots(db, rows);
    const saved = await db.clusterSnapshot.findMany({ where: { clusterId: { in: [...ids.slice(0, 3), 'deleted-meanwhile'] } } });
    expect(saved.map((s) => JSON.parse(s.json).tag as string)).toEqual(['third', 'third', 'third']);
  });
});
