import { describe, expect, it } from 'vitest';
import { createCluster } from '@/lib/clusters/create-cluster';
import { listOverviewClusters } from '@/lib/clusters/list-overview-clusters';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { getDb } from '@/lib/db/client';
import { sampleDoc, sampleNode } from '../support/fixtures';

// The overview page's inventory: what its cards draw, in name order, and
// nothing that is not drawn (toEqual refuses any other field).
describe('the overview inventory', () => {
  it('lists clusters and their nodes by name with only the drawn fields, a missing description as null', async () => {
    const db = await getDb();
    await createCluster({ db, doc: parseWith(ZClusterDocumentSchema, { ...sampleDoc({ name: 'ov-zulu', vip: '198.18.0.120', nodes: [sampleNode(2), sampleNode(1)] }), description: undefined }) });
    await createCluster({ db, doc: parseWith(ZClusterDocumentSchema, sampleDoc({ name: 'ov-alpha', vip: '198.18.0.121' })) });
    const mine = (await listOverviewClusters({ db })).filter((c) => c.name.startsWith('ov-'));
    expect(mine).toEqual([
      { name: 'ov-alpha', vip: '198.18.0.121', description: 'test pair', nodes: [{ name: 'node1', host: '198.18.0.11' }, { name: 'node2', host: '198.18.0.12' }] },
      { name: 'ov-zulu', vip: '198.18.0.120', description: null, nodes: [{ name: 'node1', host: '198.18.0.11' }, { name: 'node2', host: '198.18.0.12' }] },
    ]);
  });
});
