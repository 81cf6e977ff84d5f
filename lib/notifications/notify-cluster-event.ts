import { liveSnapshot } from '@/lib/collector/collector';
import type { TClusterEvent } from '@/lib/collector/snapshot';
import type { TDb } from '@/lib/db/client';
import { enqueueNotification } from './enqueue';
import { notifyEventOf } from './from-cluster-event';

// The collector's sink: a raised finding goes out with its advice, read from
// the snapshot that raised it.
export const notifyClusterEvent = async (db: TDb, cluster: string, e: TClusterEvent): Promise<void> => {
  const snapshot = liveSnapshot(cluster);
  const event = notifyEventOf(cluster, e, { findings: snapshot?.findings ?? [], vipAddress: snapshot?.vip.address ?? null });
  if (event) await enqueueNotification(db, event);
};
