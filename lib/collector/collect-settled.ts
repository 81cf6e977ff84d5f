import { SPLIT_BRAIN_GRACE_MS } from '@/lib/cluster-state/split-brain';
import type { TDb } from '@/lib/db/client';
import { collectOnce } from './collect-once';
import type { TClusterSnapshot } from './snapshot';

// A one-shot observation that can be trusted about a split brain. A single
// look may catch both nodes holding the VIP during a move, and carries an
// undebounced split-brain finding; like the monitor, this only believes two
// holders that are still there after the grace, so it looks once more.
export const collectSettled = async ({ db, name }: { db: TDb; name: string }): Promise<TClusterSnapshot> => {
  const first = await collectOnce({ db, name });
  if (first.vip.holders.length < 2) return first;
  await new Promise((resolve) => setTimeout(resolve, SPLIT_BRAIN_GRACE_MS));
  return collectOnce({ db, name });
};
