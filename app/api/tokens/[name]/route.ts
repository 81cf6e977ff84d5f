// DELETE /api/tokens/:name – revoke a token (its live connections end too)
import { actorOf } from '@/lib/auth/authenticate';
import { canManageUsers } from '@/lib/auth/roles';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { requestIp } from '@/lib/http/request-identity';
import { handle } from '@/lib/http/respond';
import { revokeToken } from '@/lib/tokens/revoke-token';

export const dynamic = 'force-dynamic';

type TContext = { params: Promise<{ name: string }> };

export const DELETE = handle(async (req: Request, { params }: TContext) => {
  const principal = await requirePrincipal(req, canManageUsers, 'token.revoke');
  const { name } = await params;
  const db = await getDb();
  // revokeToken checks the name's shape before any query.
  await revokeToken({ db, name });
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'token.revoke', target: name, result: 'ok' });
  return new Response(null, { status: 204 });
});
