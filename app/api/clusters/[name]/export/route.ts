// GET /api/clusters/:name/export – the inventory document without secrets
import { exportCluster } from '@/lib/clusters/export-cluster';
import { getDb } from '@/lib/db/client';
import { canRead } from '@/lib/auth/roles';
import { requirePrincipal } from '@/lib/http/guard';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: Request, { params }: { params: Promise<{ name: string }> }) => {
  await requirePrincipal(req, canRead, 'cluster.export');
  const { name } = await params;
  return json(await exportCluster({ db: await getDb(), name }));
});
