// /actions/:id – one action run: steps with commands and output, result, the state it left
import { notFound } from 'next/navigation';
import { RunDetail } from '@/components/actions/RunDetail';
import { kindLabel } from '@/components/actions/run-format';
import { getAction } from '@/lib/actions/list-actions';
import { requirePageUser } from '@/lib/auth/page-session';
import { canRunActions } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';

export const dynamic = 'force-dynamic';

const ActionPage = async ({ params }: { params: Promise<{ id: string }> }) => {
  const me = await requirePageUser();
  const { id } = await params;
  const run = await getAction({ db: await getDb(), id }).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{kindLabel(run.kind)} run {run.id.slice(0, 8)}</h1>
      <RunDetail initial={run} canAct={canRunActions(me.role)} />
    </div>
  );
};

export default ActionPage;
