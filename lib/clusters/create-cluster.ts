import { randomUUID } from 'node:crypto';
import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { isUniqueViolation } from '@/lib/clusters/is-unique-violation';
import { CLUSTER_WITH_NODES, toPublicCluster, type TPublicCluster } from '@/lib/clusters/public-cluster';
import type { TClusterDocument } from '@/lib/clusters/schema';
import { writeNodes } from '@/lib/clusters/write-nodes';
import { encryptSecret } from '@/lib/secrets/cipher';

export const createCluster = async ({ db, doc }: { db: TDb; doc: TClusterDocument }): Promise<TPublicCluster> => {
  try {
    return await db.$transaction(async (tx) => {
      const cluster = await tx.cluster.create({
        data: { id: randomUUID(), name: doc.name, vip: doc.vip, description: doc.description ?? null,
          virtualRouterId: doc.virtualRouterId ?? null,
          ...(doc.lagThresholdSeconds !== undefined && { lagThresholdSeconds: doc.lagThresholdSeconds }),
          ...(doc.switchoverCooldownSeconds !== undefined && { switchoverCooldownSeconds: doc.switchoverCooldownSeconds }),
          ...(doc.heartbeat !== undefined && { heartbeat: doc.heartbeat }),
          ...(doc.probe && { probeUser: doc.probe.user, probePasswordEnc: encryptSecret(doc.probe.password, 'probe.password') }),
        },
      });
      await writeNodes({ tx, clusterId: cluster.id, existing: [], nodes: doc.nodes });
      return toPublicCluster(await tx.cluster.findUniqueOrThrow({ where: { id: cluster.id }, ...CLUSTER_WITH_NODES }));
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', `a cluster named "${doc.name}" already exists`, { fields: { name: 'is already taken' } });
    throw e;
  }
};
