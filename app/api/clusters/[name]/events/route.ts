// GET /api/clusters/:name/events?since=…&limit=…&kind=… – VIP moves, replication and finding changes
import { listEvents } from '@/lib/collector/list-events';
import { ZEventsQuerySchema } from '@/lib/collector/history-query';
import { getDb } from '@/lib/db/client';
import { parseQuery } from '@/lib/http/query';
import { canRead } from '@/lib/auth/roles';
import { requirePrincipal } from '@/lib/http/guard';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: Request, { params }: { params: Promise<{ name: string }> }) => {
  await requirePrincipal(req, canRead, 'cluster.events');
  const { name } = await params;
  const q = parseQuery(req, ZEventsQuerySchema);
  const since = q.since ?? new Date(Date.now() - 3_600_000);
  return json({ events: await listEvents({ db: await getDb(), name, since, limit: q.limit, kinds: q.kind }) });
});
