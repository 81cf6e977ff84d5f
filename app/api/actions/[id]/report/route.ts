// GET /api/actions/:id/report – the run with its raw evidence (a drill's
// timelines), as one JSON document to keep or compare
import { getAction } from '@/lib/actions/list-actions';
import { loadRunEvidence } from '@/lib/actions/run-view';
import { canRead } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  await requirePrincipal(req, canRead, 'action.report');
  const { id } = await params;
  const db = await getDb();
  const run = await getAction({ db, id });
  const evidence = await loadRunEvidence(db, id);
  const download = new URL(req.url).searchParams.get('download') === '1';
  const res = json({ run, evidence });
  if (download) res.headers.set('content-disposition', `attachment; filename="tandem-${run.kind}-${run.cluster}-${run.startedAt.slice(0, 19).replace(/:/g, '')}.json"`);
  return res;
});
