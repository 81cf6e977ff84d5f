// GET|PATCH|DELETE /api/notifications/channels/:name – view, change or remove a channel
import { actorOf } from '@/lib/auth/authenticate';
import { canManageNotifications } from '@/lib/auth/roles';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { parseBody } from '@/lib/http/parse-body';
import { readJsonBody } from '@/lib/http/read-json-body';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';
import { deleteChannel } from '@/lib/notifications/delete-channel';
import { getChannel } from '@/lib/notifications/list-channels';
import { ZChannelUpdateSchema } from '@/lib/notifications/schema';
import { updateChannel } from '@/lib/notifications/update-channel';

export const dynamic = 'force-dynamic';

type TContext = { params: Promise<{ name: string }> };

export const GET = handle(async (req: Request, { params }: TContext) => {
  await requirePrincipal(req, canManageNotifications, 'notification.channel.read');
  const { name } = await params;
  return json({ channel: await getChannel(await getDb(), name) });
});

export const PATCH = handle(async (req: Request, { params }: TContext) => {
  const principal = await requirePrincipal(req, canManageNotifications, 'notification.channel.update');
  const { name } = await params;
  const patch = parseBody(ZChannelUpdateSchema, await readJsonBody(req, 16 * 1024), 'invalid channel update');
  const db = await getDb();
  const channel = await updateChannel({ db, name, patch });
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'notification.channel.update', target: name, result: 'ok', detail: { fields: Object.keys(patch).join(',') } });
  return json({ channel });
});

export const DELETE = handle(async (req: Request, { params }: TContext) => {
  const principal = await requirePrincipal(req, canManageNotifications, 'notification.channel.delete');
  const { name } = await params;
  const db = await getDb();
  await deleteChannel({ db, name });
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'notification.channel.delete', target: name, result: 'ok' });
  return new Response(null, { status: 204 });
});
