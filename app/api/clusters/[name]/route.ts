// GET|PATCH|DELETE /api/clusters/:name – view, change or remove one cluster
import { deleteCluster } from '@/lib/clusters/delete-cluster';
import { getCluster } from '@/lib/clusters/get-cluster';
import { parseWith, ZClusterPatchSchema } from '@/lib/clusters/schema';
import { updateCluster } from '@/lib/clusters/update-cluster';
import { refreshCollector } from '@/lib/collector/collector';
import { recordAudit } from '@/lib/audit/record-audit';
import { actorOf } from '@/lib/auth/authenticate';
import { canManageInventory, canRead } from '@/lib/auth/roles';
import { requirePrincipal } from '@/lib/http/guard';
import { requestIp } from '@/lib/http/request-identity';
import { getDb } from '@/lib/db/client';
import { readJsonBody } from '@/lib/http/read-json-body';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

type TContext = { params: Promise<{ name: string }> };

export const GET = handle(async (req: Request, { params }: TContext) => {
  await requirePrincipal(req, canRead, 'cluster.read');
  const { name } = await params;
  return json({ cluster: await getCluster({ db: await getDb(), name }) });
});

export const PATCH = handle(async (req: Request, { params }: TContext) => {
  const principal = await requirePrincipal(req, canManageInventory, 'cluster.update');
  const { name } = await params;
  const patch = parseWith(ZClusterPatchSchema, await readJsonBody(req));
  const db = await getDb();
  const { cluster, repointed, servicesChanged } = await updateCluster({ db, name, patch });
  await recordAudit(db, {
    actor: actorOf(principal),
    ip: requestIp(req),
    action: 'cluster.update',
    target: name,
    result: 'ok',
    detail: { fields: Object.keys(patch).join(','), ...(repointed.length > 0 && { repointed }), ...(servicesChanged.length > 0 && { servicesChanged }) },
  });
  void refreshCollector();
  return json({ cluster });
});

export const DELETE = handle(async (req: Request, { params }: TContext) => {
  const principal = await requirePrincipal(req, canManageInventory, 'cluster.delete');
  const { name } = await params;
  const db = await getDb();
  await deleteCluster({ db, name });
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'cluster.delete', target: name, result: 'ok' });
  void refreshCollector();
  return new Response(null, { status: 204 });
});
