import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { refreshAttention } from './attention';
import { getAction } from './list-actions';
import type { TRunView } from './run-view';

// An operator says they have dealt with the state an interrupted or unsafe
// run left: its critical finding goes and the next action may run.
export const acknowledgeAction = async ({ db, id }: { db: TDb; id: string }): Promise<TRunView> => {
  const run = await getAction({ db, id });
  if (run.status === 'running') throw new AppError('CONFLICT', `run ${id} is still running`, { reason: 'action_in_progress' });
  if (run.acknowledgedAt) return run;
  const acknowledgedAt = new Date();
  await db.actionRun.update({ where: { id }, data: { acknowledgedAt } });
  await refreshAttention(db, run.cluster);
  return { ...run, acknowledgedAt: acknowledgedAt.toISOString() };
};
