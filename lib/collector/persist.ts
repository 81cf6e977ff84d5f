import type { TDb } from '@/lib/db/client';
import type { TClusterEvent, TClusterSnapshot } from './snapshot';

// Writes of the collector: the latest snapshot (one row per cluster), events,
// and lag samples. Failures are the caller's to log; state in memory goes on.
export const saveSnapshot = async (db: TDb, clusterId: string, snapshot: TClusterSnapshot): Promise<void> => {
  const json = JSON.stringify(snapshot);
  const observedAt = new Date(snapshot.observedAt);
  await db.clusterSnapshot.upsert({ where: { clusterId }, create: { clusterId, observedAt, json }, update: { observedAt, json } });
};

export const saveEvents = async (db: TDb, clusterId: string, events: TClusterEvent[]): Promise<void> => {
  if (events.length === 0) return;
  await db.clusterEvent.createMany({
    data: events.map((e) => ({ clusterId, at: new Date(e.at), kind: e.kind, node: e.node, severity: e.severity, message: e.message, data: e.data ? JSON.stringify(e.data) : null })),
  });
};

export const saveLagSamples = async (db: TDb, clusterId: string, samples: { node: string; at: Date; secondsBehind: number | null; heartbeatLagSeconds: number | null }[]): Promise<void> => {
  if (samples.length === 0) return;
  await db.lagSample.createMany({ data: samples.map((s) => ({ clusterId, ...s })) });
};

export const pruneHistory = async (db: TDb, options: { lagRetentionDays: number; eventRetentionDays: number }): Promise<void> => {
  const day = 86_400_000;
  await db.lagSample.deleteMany({ where: { at: { lt: new Date(Date.now() - options.lagRetentionDays * day) } } });
  await db.clusterEvent.deleteMany({ where: { at: { lt: new Date(Date.now() - options.eventRetentionDays * day) } } });
};
