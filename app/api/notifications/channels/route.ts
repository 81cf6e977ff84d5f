// GET /api/notifications/channels – list channels (never a secret); POST – add one
import { actorOf } from '@/lib/auth/authenticate';
import { canManageNotifications } from '@/lib/auth/roles';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { parseBody } from '@/lib/http/parse-body';
import { readJsonBody } from '@/lib/http/read-json-body';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';
import { createChannel } from '@/lib/notifications/create-channel';
import { listChannels } from '@/lib/notifications/list-channels';
import { ZChannelCreateSchema } from '@/lib/notifications/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, canManageNotifications, 'notification.channel.list');
  return json({ channels: await listChannels(await getDb()) });
});

export const POST = handle(async (req: Request) => {
  const principal = await requirePrincipal(req, canManageNotifications, 'notification.channel.create');
  const doc = parseBody(ZChannelCreateSchema, await readJsonBody(req, 16 * 1024), 'invalid notification channel');
  const db = await getDb();
  const channel = await createChannel({ db, doc, createdBy: actorOf(principal) });
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'notification.channel.create', target: channel.name, result: 'ok', detail: { type: channel.type } });
  return json({ channel }, 201);
});
