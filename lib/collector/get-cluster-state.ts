import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { liveSnapshot } from './collector';
import type { TClusterSnapshot } from './snapshot';

// The collector's live snapshot when this process runs it, else the last one
// it saved (e.g. for the CLI). null: the cluster was never observed.
export const getClusterState = async ({ db, name }: { db: TDb; name: string }): Promise<TClusterSnapshot | null> => {
  const cluster = await db.cluster.findUnique({ where: { name }, select: { id: true, snapshot: true } });
  if (!cluster) throw new AppError('NOT_FOUND', `no cluster named "${name}"`);
  const live = liveSnapshot(name);
  if (live) return live;
  if (!cluster.snapshot) return null;
  const parsed: unknown = JSON.parse(cluster.snapshot.json);
  return typeof parsed === 'object' && parsed !== null && 'cluster' in parsed ? (parsed as TClusterSnapshot) : null;
};
