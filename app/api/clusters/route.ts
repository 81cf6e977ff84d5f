// GET /api/clusters – list clusters; POST /api/clusters – register a cluster
import { createCluster } from '@/lib/clusters/create-cluster';
import { listClusters } from '@/lib/clusters/list-clusters';
import { refreshCollector } from '@/lib/collector/collector';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { getDb } from '@/lib/db/client';
import { readJsonBody } from '@/lib/http/read-json-body';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => json({ clusters: await listClusters({ db: await getDb() }) }));

export const POST = handle(async (req: Request) => {
  const doc = parseWith(ZClusterDocumentSchema, await readJsonBody(req));
  const cluster = await createCluster({ db: await getDb(), doc });
  void refreshCollector();
  return json({ cluster }, 201);
});
