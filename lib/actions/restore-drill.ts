import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { getAction } from './list-actions';
import type { TRunView } from './run-view';

// "Restore now": a drill in its hold ends the hold at once and puts back
// what it broke. Stored, like an abort, so whichever process runs the drill
// (the server or a CLI) sees it.
export const restoreDrillNow = async ({ db, id }: { db: TDb; id: string }): Promise<TRunView> => {
  const run = await getAction({ db, id });
  if (run.kind !== 'drill') throw new AppError('CONFLICT', `run ${id} is a ${run.kind}, not a drill`, { reason: 'not_a_drill' });
  if (run.status !== 'running') throw new AppError('CONFLICT', `run ${id} is ${run.status}, not running`, { reason: 'not_running' });
  await db.actionRun.update({ where: { id }, data: { restoreRequested: true } });
  return { ...run, restoreRequested: true };
};
