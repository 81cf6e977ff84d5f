import type { TDb } from '@/lib/db/client';
import { createCluster } from '@/lib/clusters/create-cluster';
import type { TPublicCluster } from '@/lib/clusters/public-cluster';
import type { TClusterDocument } from '@/lib/clusters/schema';
import { updateCluster } from '@/lib/clusters/update-cluster';

// Upsert from a complete inventory document: the stored cluster becomes
// exactly the document (nodes not in it are removed, a node without
// `services` goes back to the defaults). The pinned host keys are kept.
export const importCluster = async ({ db, doc }: { db: TDb; doc: TClusterDocument }): Promise<{ action: 'created' | 'updated'; cluster: TPublicCluster; repointed: string[]; servicesChanged: string[] }> => {
  const exists = (await db.cluster.count({ where: { name: doc.name } })) > 0;
  if (!exists) return { action: 'created', cluster: await createCluster({ db, doc }), repointed: [], servicesChanged: [] };
  const patch = {
    vip: doc.vip,
    description: doc.description ?? null,
    virtualRouterId: doc.virtualRouterId ?? null,
    lagThresholdSeconds: doc.lagThresholdSeconds ?? 30,
    switchoverCooldownSeconds: doc.switchoverCooldownSeconds ?? 300,
    heartbeat: doc.heartbeat ?? false,
    probe: doc.probe ?? null,
    nodes: doc.nodes.map((n) => ({ ...n, services: n.services ?? null })),
  };
  return { action: 'updated', ...(await updateCluster({ db, name: doc.name, patch })) };
};
