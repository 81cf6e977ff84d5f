// POST /api/auth/signout – end this browser's session
import { actorOf, cookieValue } from '@/lib/auth/authenticate';
import { canRead } from '@/lib/auth/roles';
import { deleteSession, SESSION_COOKIE, sessionIdOf } from '@/lib/auth/sessions';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';
import { endRealtimeFor } from '@/lib/realtime/end-realtime';

export const dynamic = 'force-dynamic';

export const POST = handle(async (req: Request) => {
  const principal = await requirePrincipal(req, canRead, 'auth.signout');
  const db = await getDb();
  const token = cookieValue(req.headers.get('cookie'), SESSION_COOKIE);
  if (token) {
    await deleteSession({ db, token });
    endRealtimeFor({ sessionIds: [sessionIdOf(token)] });
  }
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'auth.signout', result: 'ok' });
  const res = json({ ok: true });
  res.cookies.delete(SESSION_COOKIE);
  return res;
});
