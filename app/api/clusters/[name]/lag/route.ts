// GET /api/clusters/:name/lag?from=…&to=… – lag samples per node (default: last 15 minutes)
import { ZLagQuerySchema } from '@/lib/collector/history-query';
import { readLag } from '@/lib/collector/read-lag';
import { getDb } from '@/lib/db/client';
import { parseQuery } from '@/lib/http/query';
import { canRead } from '@/lib/auth/roles';
import { requirePrincipal } from '@/lib/http/guard';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: Request, { params }: { params: Promise<{ name: string }> }) => {
  await requirePrincipal(req, canRead, 'cluster.lag');
  const { name } = await params;
  const q = parseQuery(req, ZLagQuerySchema);
  const to = q.to ?? new Date();
  const from = q.from ?? new Date(to.getTime() - 15 * 60_000);
  return json({ from: from.toISOString(), to: to.toISOString(), series: await readLag({ db: await getDb(), name, from, to }) });
});
