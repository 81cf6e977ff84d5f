// POST /api/actions/:id/restore – end a drill's hold now and restore the node
import { restoreDrillNow } from '@/lib/actions/restore-drill';
import { recordAudit } from '@/lib/audit/record-audit';
import { actorOf } from '@/lib/auth/authenticate';
import { canRunActions } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const POST = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await requirePrincipal(req, canRunActions, 'action.restore');
  const { id } = await params;
  const db = await getDb();
  const run = await restoreDrillNow({ db, id });
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'action.restore', target: run.cluster, result: 'ok', detail: { run: id } });
  return json({ run }, 202);
});
