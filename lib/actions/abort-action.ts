import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { getAction } from './list-actions';
import type { TRunView } from './run-view';

// Asks a running run to stop at its next safe point. The flag is stored, so
// the process executing the run (the server or a CLI) sees it before its
// next step, whichever process received the request.
export const abortAction = async ({ db, id }: { db: TDb; id: string }): Promise<TRunView> => {
  const run = await getAction({ db, id });
  if (run.status !== 'running') throw new AppError('CONFLICT', `run ${id} is ${run.status}, not running`, { reason: 'not_running' });
  await db.actionRun.update({ where: { id }, data: { abortRequested: true } });
  return { ...run, abortRequested: true };
};
