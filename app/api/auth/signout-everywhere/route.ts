// POST /api/auth/signout-everywhere – end every session of the caller, this one included
import { actorOf } from '@/lib/auth/authenticate';
import { SESSION_COOKIE } from '@/lib/auth/sessions';
import { getDb } from '@/lib/db/client';
import { requireSessionUser } from '@/lib/http/guard';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';
import { endSessions } from '@/lib/users/end-sessions';

export const dynamic = 'force-dynamic';

export const POST = handle(async (req: Request) => {
  const { principal } = await requireSessionUser(req, 'auth.signout-everywhere');
  const ended = await endSessions({ db: await getDb(), name: principal.name, by: { actor: actorOf(principal), ip: requestIp(req) }, action: 'auth.signout-everywhere' });
  const res = json({ ended });
  res.cookies.delete(SESSION_COOKIE);
  return res;
});
