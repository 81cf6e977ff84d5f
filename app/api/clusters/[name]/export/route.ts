// GET /api/clusters/:name/export – the inventory document without secrets
import { exportCluster } from '@/lib/clusters/export-cluster';
import { getDb } from '@/lib/db/client';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = handle(async (_req: Request, { params }: { params: Promise<{ name: string }> }) => {
  const { name } = await params;
  return json(await exportCluster({ db: await getDb(), name }));
});
