import type { TDb } from '@/lib/db/client';
import { findClusterIdByName } from '@/lib/clusters/find-cluster-by-name';
import { liveSnapshot } from './collector';
import type { TClusterSnapshot } from './snapshot';

// The collector's live snapshot when this process runs it, else the last one
// it saved (e.g. for the CLI). null: the cluster was never observed.
export const getClusterState = async ({ db, name }: { db: TDb; name: string }): Promise<TClusterSnapshot | null> => {
  const clusterId = await findClusterIdByName({ db, name });
  const live = liveSnapshot(name);
  if (live) return live;
  const saved = await db.clusterSnapshot.findUnique({ where: { clusterId } });
  if (!saved) return null;
  const parsed: unknown = JSON.parse(saved.json);
  return typeof parsed === 'object' && parsed !== null && 'cluster' in parsed ? (parsed as TClusterSnapshot) : null;
};
