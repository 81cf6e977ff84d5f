import type { TDb } from '@/lib/db/client';
import { enqueueNotification } from './enqueue';
import { notifyEventsOfRun, type TEndedRun } from './from-run-end';

// Queued in the database: a run ended by the CLI is delivered by the server.
export const notifyRunEnd = async (db: TDb, run: TEndedRun): Promise<void> => {
  for (const e of notifyEventsOfRun(run)) await enqueueNotification(db, e);
};
