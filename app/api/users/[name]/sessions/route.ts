// DELETE /api/users/:name/sessions – sign a user out of every browser
import { actorOf } from '@/lib/auth/authenticate';
import { canManageUsers } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';
import { endSessions } from '@/lib/users/end-sessions';
import { requireUserName } from '@/lib/users/user-name';

export const dynamic = 'force-dynamic';

type TContext = { params: Promise<{ name: string }> };

export const DELETE = handle(async (req: Request, { params }: TContext) => {
  const principal = await requirePrincipal(req, canManageUsers, 'user.end-sessions');
  const name = requireUserName((await params).name);
  const ended = await endSessions({ db: await getDb(), name, by: { actor: actorOf(principal), ip: requestIp(req) } });
  return json({ ended });
});
