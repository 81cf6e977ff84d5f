// POST /api/notifications/channels/:name/test – send a test message now and say how it went
import { actorOf } from '@/lib/auth/authenticate';
import { canManageNotifications } from '@/lib/auth/roles';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';
import { sendTestMessage } from '@/lib/notifications/test-channel';

export const dynamic = 'force-dynamic';

type TContext = { params: Promise<{ name: string }> };

// 200 either way: the request worked; `ok` says whether the receiver took it.
export const POST = handle(async (req: Request, { params }: TContext) => {
  const principal = await requirePrincipal(req, canManageNotifications, 'notification.channel.test');
  const { name } = await params;
  const db = await getDb();
  const result = await sendTestMessage({ db, name });
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'notification.channel.test', target: name, result: result.ok ? 'ok' : 'failed', detail: { detail: result.detail.slice(0, 200) } });
  return json({ test: result });
});
