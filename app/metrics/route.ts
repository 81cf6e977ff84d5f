// GET /metrics – Prometheus metrics (text format) for a viewer's API token (or session)
import { canRead } from '@/lib/auth/roles';
import { requirePrincipal } from '@/lib/http/guard';
import { handle } from '@/lib/http/respond';
import { renderMetrics } from '@/lib/metrics/render-metrics';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, canRead, 'metrics.read');
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
});
