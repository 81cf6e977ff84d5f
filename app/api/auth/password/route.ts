// POST /api/auth/password – change one's own password (other sessions end)
import { actorOf } from '@/lib/auth/authenticate';
import { getDb } from '@/lib/db/client';
import { requireSessionUser } from '@/lib/http/guard';
import { parseBody } from '@/lib/http/parse-body';
import { readJsonBody } from '@/lib/http/read-json-body';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';
import { changePassword } from '@/lib/users/change-password';
import { ZPasswordChangeSchema } from '@/lib/users/schema';

export const dynamic = 'force-dynamic';

export const POST = handle(async (req: Request) => {
  const { principal, sessionId } = await requireSessionUser(req, 'user.password-change');
  const body = parseBody(ZPasswordChangeSchema, await readJsonBody(req, 16 * 1024), 'send { currentPassword, newPassword }');
  await changePassword({ db: await getDb(), name: principal.name, ...body, keepSessionId: sessionId, by: { actor: actorOf(principal), ip: requestIp(req) } });
  return json({ ok: true });
});
