// GET /api/clusters/:name/state – the latest observed state (VIP holders, nodes, findings) and what it means
import { summarizeState } from '@/lib/cluster-state/summarize-state';
import { getClusterState } from '@/lib/collector/get-cluster-state';
import { getDb } from '@/lib/db/client';
import { canRead } from '@/lib/auth/roles';
import { requirePrincipal } from '@/lib/http/guard';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: Request, { params }: { params: Promise<{ name: string }> }) => {
  await requirePrincipal(req, canRead, 'cluster.state');
  const { name } = await params;
  const state = await getClusterState({ db: await getDb(), name });
  return state ? json({ ...state, summary: summarizeState(state) }) : json({ error: 'not_observed', message: `cluster "${name}" has not been observed yet` }, 404);
});
