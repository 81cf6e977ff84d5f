// GET /api/notifications/channels/:name/deliveries – recent messages and every attempt
import { canManageNotifications } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { handle, json } from '@/lib/http/respond';
import { listDeliveries } from '@/lib/notifications/list-deliveries';

export const dynamic = 'force-dynamic';

type TContext = { params: Promise<{ name: string }> };

export const GET = handle(async (req: Request, { params }: TContext) => {
  await requirePrincipal(req, canManageNotifications, 'notification.channel.deliveries');
  const { name } = await params;
  return json(await listDeliveries({ db: await getDb(), name }));
});
