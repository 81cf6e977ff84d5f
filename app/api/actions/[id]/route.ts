// GET /api/actions/:id – one run with its steps, result and the state it left
import { getAction } from '@/lib/actions/list-actions';
import { canRead } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  await requirePrincipal(req, canRead, 'action.show');
  const { id } = await params;
  return json(await getAction({ db: await getDb(), id }));
});
