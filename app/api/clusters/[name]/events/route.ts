// GET /api/clusters/:name/events?since=…&limit=…&kind=… – VIP moves, replication and finding changes
import { z } from 'zod';
import { listEvents } from '@/lib/collector/list-events';
import { EVENT_KINDS } from '@/lib/collector/snapshot';
import { getDb } from '@/lib/db/client';
import { parseQuery, ZTimeSchema } from '@/lib/http/query';
import { canRead } from '@/lib/auth/roles';
import { requirePrincipal } from '@/lib/http/guard';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

const ZEventsQuerySchema = z.object({
  since: ZTimeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  // One kind or several, comma-separated: kind=keepalived-transition,vip-moved
  kind: z.string().transform((s) => s.split(',')).pipe(z.array(z.enum(EVENT_KINDS))).optional(),
});

export const GET = handle(async (req: Request, { params }: { params: Promise<{ name: string }> }) => {
  await requirePrincipal(req, canRead, 'cluster.events');
  const { name } = await params;
  const q = parseQuery(req, ZEventsQuerySchema);
  const since = q.since ?? new Date(Date.now() - 3_600_000);
  return json({ events: await listEvents({ db: await getDb(), name, since, limit: q.limit, kinds: q.kind }) });
});
