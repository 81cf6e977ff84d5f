// GET /api/users – list users; POST /api/users – create a user
import { actorOf } from '@/lib/auth/authenticate';
import { canManageUsers } from '@/lib/auth/roles';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { parseBody } from '@/lib/http/parse-body';
import { readJsonBody } from '@/lib/http/read-json-body';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';
import { createUser } from '@/lib/users/create-user';
import { listUsers } from '@/lib/users/list-users';
import { ZUserCreateSchema } from '@/lib/users/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, canManageUsers, 'user.list');
  return json({ users: await listUsers({ db: await getDb() }) });
});

export const POST = handle(async (req: Request) => {
  const principal = await requirePrincipal(req, canManageUsers, 'user.create');
  const body = parseBody(ZUserCreateSchema, await readJsonBody(req, 16 * 1024), 'send { name, role, password }');
  const db = await getDb();
  const user = await createUser({ db, ...body });
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'user.create', target: user.name, result: 'ok', detail: { role: user.role } });
  return json({ user }, 201);
});
