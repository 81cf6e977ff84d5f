// GET /api/notifications/rules – list rules; POST – add one
import { actorOf } from '@/lib/auth/authenticate';
import { canManageNotifications } from '@/lib/auth/roles';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { parseBody } from '@/lib/http/parse-body';
import { readJsonBody } from '@/lib/http/read-json-body';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';
import { createRule, listRules } from '@/lib/notifications/rules';
import { ZRuleCreateSchema } from '@/lib/notifications/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, canManageNotifications, 'notification.rule.list');
  return json({ rules: await listRules(await getDb()) });
});

export const POST = handle(async (req: Request) => {
  const principal = await requirePrincipal(req, canManageNotifications, 'notification.rule.create');
  const doc = parseBody(ZRuleCreateSchema, await readJsonBody(req, 64 * 1024), 'invalid notification rule');
  const db = await getDb();
  const rule = await createRule({ db, doc, createdBy: actorOf(principal) });
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'notification.rule.create', target: rule.name, result: 'ok', detail: { events: rule.events.join(','), channels: rule.channels.join(',') } });
  return json({ rule }, 201);
});
