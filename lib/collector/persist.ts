import type { TDb } from '@/lib/db/client';
import type { TClusterEvent } from './snapshot';

// The collector's writes that cannot wait for the batch (history-writer.ts):
// events. Failures are the caller's to log; state in memory goes on.
export const saveEvents = async (db: TDb, clusterId: string, events: TClusterEvent[]): Promise<void> => {
  if (events.length === 0) return;
  await db.clusterEvent.createMany({
    data: events.map((e) => ({ clusterId, at: new Date(e.at), kind: e.kind, node: e.node, severity: e.severity, message: e.message, data: e.data ? JSON.stringify(e.data) : null })),
  });
};

export const pruneHistory = async (db: TDb, options: { lagRetentionDays: number; eventRetentionDays: number }): Promise<void> => {
  const day = 86_400_000;
  await db.lagSample.deleteMany({ where: { at: { lt: new Date(Date.now() - options.lagRetentionDays * day) } } });
  await db.clusterEvent.deleteMany({ where: { at: { lt: new Date(Date.now() - options.eventRetentionDays * day) } } });
};
