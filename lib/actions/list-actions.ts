import { findClusterIdByName } from '@/lib/clusters/find-cluster-by-name';
import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { RUN_INCLUDE, toRunView, type TRunView } from './run-view';
import type { TActionKind } from './types';

// A cluster's runs, newest first; of one kind only when asked (the drill
// history would otherwise lose its older drills behind switchovers).
export const listActions = async ({ db, cluster, limit, kind }: { db: TDb; cluster: string; limit: number; kind?: TActionKind }): Promise<TRunView[]> => {
  const clusterId = await findClusterIdByName({ db, name: cluster });
  const runs = await db.actionRun.findMany({ where: { clusterId, ...(kind && { kind }) }, orderBy: { startedAt: 'desc' }, take: limit, include: RUN_INCLUDE });
  return runs.map(toRunView);
};

const RUN_ID = /^[0-9a-f-]{36}$/;

export const getAction = async ({ db, id }: { db: TDb; id: string }): Promise<TRunView> => {
  if (!RUN_ID.test(id)) throw new AppError('NOT_FOUND', `no action run ${JSON.stringify(id.slice(0, 40))}`);
  const run = await db.actionRun.findUnique({ where: { id }, include: RUN_INCLUDE });
  if (!run) throw new AppError('NOT_FOUND', `no action run ${id}`);
  return toRunView(run);
};
