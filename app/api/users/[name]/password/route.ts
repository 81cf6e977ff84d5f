// POST /api/users/:name/password – an admin sets a new password (ends the user's sessions)
import { actorOf } from '@/lib/auth/authenticate';
import { canManageUsers } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { parseBody } from '@/lib/http/parse-body';
import { readJsonBody } from '@/lib/http/read-json-body';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';
import { resetPassword } from '@/lib/users/reset-password';
import { ZPasswordResetSchema } from '@/lib/users/schema';
import { requireUserName } from '@/lib/users/user-name';

export const dynamic = 'force-dynamic';

type TContext = { params: Promise<{ name: string }> };

export const POST = handle(async (req: Request, { params }: TContext) => {
  const principal = await requirePrincipal(req, canManageUsers, 'user.password-reset');
  const name = requireUserName((await params).name);
  const { password } = parseBody(ZPasswordResetSchema, await readJsonBody(req, 16 * 1024), 'send { password }');
  await resetPassword({ db: await getDb(), name, password, by: { actor: actorOf(principal), ip: requestIp(req) } });
  return json({ ok: true });
});
