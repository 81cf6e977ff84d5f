// GET|PATCH|DELETE /api/notifications/rules/:name – view, change or remove a rule
import { actorOf } from '@/lib/auth/authenticate';
import { canManageNotifications } from '@/lib/auth/roles';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { parseBody } from '@/lib/http/parse-body';
import { readJsonBody } from '@/lib/http/read-json-body';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';
import { deleteRule, getRule, updateRule } from '@/lib/notifications/rules';
import { ZRuleUpdateSchema } from '@/lib/notifications/schema';

export const dynamic = 'force-dynamic';

type TContext = { params: Promise<{ name: string }> };

export const GET = handle(async (req: Request, { params }: TContext) => {
  await requirePrincipal(req, canManageNotifications, 'notification.rule.read');
  const { name } = await params;
  return json({ rule: await getRule(await getDb(), name) });
});

export const PATCH = handle(async (req: Request, { params }: TContext) => {
  const principal = await requirePrincipal(req, canManageNotifications, 'notification.rule.update');
  const { name } = await params;
  const patch = parseBody(ZRuleUpdateSchema, await readJsonBody(req, 64 * 1024), 'invalid rule update');
  const db = await getDb();
  const rule = await updateRule({ db, name, patch });
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'notification.rule.update', target: name, result: 'ok', detail: { fields: Object.keys(patch).join(',') } });
  return json({ rule });
});

export const DELETE = handle(async (req: Request, { params }: TContext) => {
  const principal = await requirePrincipal(req, canManageNotifications, 'notification.rule.delete');
  const { name } = await params;
  const db = await getDb();
  await deleteRule({ db, name });
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'notification.rule.delete', target: name, result: 'ok' });
  return new Response(null, { status: 204 });
});
