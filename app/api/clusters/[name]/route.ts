// GET|PATCH|DELETE /api/clusters/:name – view, change or remove one cluster
import { deleteCluster } from '@/lib/clusters/delete-cluster';
import { getCluster } from '@/lib/clusters/get-cluster';
import { parseWith, ZClusterPatchSchema } from '@/lib/clusters/schema';
import { updateCluster } from '@/lib/clusters/update-cluster';
import { refreshCollector } from '@/lib/collector/collector';
import { getDb } from '@/lib/db/client';
import { readJsonBody } from '@/lib/http/read-json-body';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

type TContext = { params: Promise<{ name: string }> };

export const GET = handle(async (_req: Request, { params }: TContext) => {
  const { name } = await params;
  return json({ cluster: await getCluster({ db: await getDb(), name }) });
});

export const PATCH = handle(async (req: Request, { params }: TContext) => {
  const { name } = await params;
  const patch = parseWith(ZClusterPatchSchema, await readJsonBody(req));
  const cluster = await updateCluster({ db: await getDb(), name, patch });
  void refreshCollector();
  return json({ cluster });
});

export const DELETE = handle(async (_req: Request, { params }: TContext) => {
  const { name } = await params;
  await deleteCluster({ db: await getDb(), name });
  void refreshCollector();
  return new Response(null, { status: 204 });
});
