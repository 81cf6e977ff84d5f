// GET /api/clusters/:name/diagnosis – why each node's replication is not running cleanly, and what may fix it
import { actionPool } from '@/lib/actions/action-pool';
import { canRead } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { handle, json } from '@/lib/http/respond';
import { diagnoseCluster } from '@/lib/repair/diagnose-cluster';

export const dynamic = 'force-dynamic';

// Read-only on the nodes (a fresh read over SSH, as a repair's preflight
// does), so a viewer may ask.
export const GET = handle(async (req: Request, { params }: { params: Promise<{ name: string }> }) => {
  await requirePrincipal(req, canRead, 'cluster.diagnosis');
  const { name } = await params;
  const db = await getDb();
  return json(await diagnoseCluster({ db, pool: actionPool(db), cluster: name }));
});
