// GET /api/clusters – list clusters; POST /api/clusters – register a cluster
import { createCluster } from '@/lib/clusters/create-cluster';
import { listClusters } from '@/lib/clusters/list-clusters';
import { refreshCollector } from '@/lib/collector/collector';
import { recordAudit } from '@/lib/audit/record-audit';
import { actorOf } from '@/lib/auth/authenticate';
import { canManageInventory, canRead } from '@/lib/auth/roles';
import { requirePrincipal } from '@/lib/http/guard';
import { requestIp } from '@/lib/http/request-identity';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { getDb } from '@/lib/db/client';
import { readJsonBody } from '@/lib/http/read-json-body';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, canRead, 'cluster.list');
  return json({ clusters: await listClusters({ db: await getDb() }) });
});

export const POST = handle(async (req: Request) => {
  const principal = await requirePrincipal(req, canManageInventory, 'cluster.create');
  const doc = parseWith(ZClusterDocumentSchema, await readJsonBody(req));
  const db = await getDb();
  const cluster = await createCluster({ db, doc });
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'cluster.create', target: cluster.name, result: 'ok' });
  void refreshCollector();
  return json({ cluster }, 201);
});
