// PATCH /api/users/:name – disable, enable or change the role; DELETE – remove the user
import { actorOf } from '@/lib/auth/authenticate';
import { canManageUsers } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { parseBody } from '@/lib/http/parse-body';
import { readJsonBody } from '@/lib/http/read-json-body';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';
import { disableUser } from '@/lib/users/disable-user';
import { enableUser } from '@/lib/users/enable-user';
import { removeUser } from '@/lib/users/remove-user';
import { ZUserPatchSchema } from '@/lib/users/schema';
import { setUserRole } from '@/lib/users/set-user-role';
import { requireUserName } from '@/lib/users/user-name';

export const dynamic = 'force-dynamic';

type TContext = { params: Promise<{ name: string }> };

export const PATCH = handle(async (req: Request, { params }: TContext) => {
  const principal = await requirePrincipal(req, canManageUsers, 'user.update');
  const name = requireUserName((await params).name);
  const patch = parseBody(ZUserPatchSchema, await readJsonBody(req, 16 * 1024), 'send { disabled } or { role }');
  const db = await getDb();
  const by = { actor: actorOf(principal), ip: requestIp(req) };
  if (patch.role !== undefined) await setUserRole({ db, name, role: patch.role, by });
  if (patch.disabled === true) await disableUser({ db, name, by });
  if (patch.disabled === false) await enableUser({ db, name, by });
  return json({ ok: true });
});

export const DELETE = handle(async (req: Request, { params }: TContext) => {
  const principal = await requirePrincipal(req, canManageUsers, 'user.remove');
  const name = requireUserName((await params).name);
  await removeUser({ db: await getDb(), name, by: { actor: actorOf(principal), ip: requestIp(req) } });
  return new Response(null, { status: 204 });
});
