import { describe, expect, it } from 'vitest';
import { createCluster } from '@/lib/clusters/create-cluster';
import { deleteCluster } from '@/lib/clusters/delete-cluster';
import { importCluster } from '@/lib/clusters/import-cluster';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { updateCluster } from '@/lib/clusters/update-cluster';
import { inventoryStamp } from '@/lib/collector/inventory-stamp';
import { getDb } from '@/lib/db/client';
import { createToken } from '@/lib/tokens/create-token';
import { sampleDoc } from '../support/fixtures';

// The collector's 5 s look at the inventory is skipped while this stamp
// stands: every write that can change what it watches must move it.
describe('the inventory stamp', () => {
  it('moves with every cluster and node write, and only with those', async () => {
    const db = await getDb();
    const doc = () => parseWith(ZClusterDocumentSchema, sampleDoc({ name: 'stamp-a', vip: '198.18.0.120' }));
    const seen = [await inventoryStamp(db)];
    // The collector compares each stamp with the one before it.
    const moved = async () => {
      const now = await inventoryStamp(db);
      const fresh = now !== seen.at(-1);
      seen.push(now);
      return fresh;
    };
    await createCluster({ db, doc: doc() });
    expect(await moved()).toBe(true);
    // A token, a user, history: not the inventory.
    await createToken({ db, name: 'stamp-token', role: 'viewer', createdBy: 'test' });
    expect(await inventoryStamp(db)).toBe(seen.at(-1));
    await updateCluster({ db, name: 'stamp-a', patch: { description: 'changed' } });
    expect(await moved()).toBe(true);
    // tandem import of the same name with a node re-pointed (create or replace).
    const repointed = doc();
    repointed.nodes.forEach((n, i) => (n.host = `198.18.0.${61 + i}`));
    await importCluster({ db, doc: repointed });
    expect(await moved()).toBe(true);
    // A node row written on its own (a pinned host key, an errant-write baseline).
    const node = await db.node.findFirstOrThrow({ where: { cluster: { name: 'stamp-a' } } });
    await db.node.updateMany({ where: { id: node.id }, data: { passiveOwnTransactions: 7 } });
    expect(await moved()).toBe(true);
    await deleteCluster({ db, name: 'stamp-a' });
    expect(await moved()).toBe(true);
  });
});
