// GET /api/tokens – list API tokens; POST /api/tokens – create one (shown once)
import { actorOf } from '@/lib/auth/authenticate';
import { canManageUsers } from '@/lib/auth/roles';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { parseBody } from '@/lib/http/parse-body';
import { readJsonBody } from '@/lib/http/read-json-body';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';
import { createToken } from '@/lib/tokens/create-token';
import { listTokens } from '@/lib/tokens/list-tokens';
import { ZTokenCreateSchema } from '@/lib/tokens/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, canManageUsers, 'token.list');
  return json({ tokens: await listTokens({ db: await getDb() }) });
});

export const POST = handle(async (req: Request) => {
  const principal = await requirePrincipal(req, canManageUsers, 'token.create');
  const body = parseBody(ZTokenCreateSchema, await readJsonBody(req, 16 * 1024), 'send { name, role, expiresInDays? }');
  const db = await getDb();
  const token = await createToken({ db, ...body, createdBy: actorOf(principal) });
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'token.create', target: token.name, result: 'ok', detail: { role: token.role, expiresAt: token.expiresAt } });
  return json({ token }, 201);
});
