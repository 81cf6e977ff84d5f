import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { canonicalHost } from '@/lib/clusters/host';
import { findClusterByName } from '@/lib/clusters/find-cluster-by-name';
import { isUniqueViolation } from '@/lib/clusters/is-unique-violation';
import { CLUSTER_WITH_NODES, toPublicCluster, type TPublicCluster } from '@/lib/clusters/public-cluster';
import type { TClusterPatch } from '@/lib/clusters/schema';
import { writeNodes } from '@/lib/clusters/write-nodes';
import { encryptSecret } from '@/lib/secrets/cipher';

// Applies a validated patch in one transaction; says which nodes now point
// at a new host or port and whose service commands changed (for the audit).
// Rules that span the patch and the stored cluster (a new VIP against kept
// node hosts) are checked here.
export const updateCluster = async ({ db, name, patch }: { db: TDb; name: string; patch: TClusterPatch }): Promise<{ cluster: TPublicCluster; repointed: string[]; servicesChanged: string[] }> => {
  try {
    return await db.$transaction(async (tx) => {
      const current = await findClusterByName({ db: tx, name });

      // Rows stored before hosts were normalised may spell one differently.
      const vip = canonicalHost(patch.vip ?? current.vip);
      const hosts = (patch.nodes?.map((n) => n.host) ?? current.nodes.map((n) => n.host)).map(canonicalHost);
      if (hosts.includes(vip)) {
        throw new AppError('INVALID', 'the inventory document is invalid', { fields: { vip: 'must differ from every node host' } });
      }

      if (patch.probe && patch.probe.password === undefined && (current.probeUser === null || patch.probe.user !== current.probeUser)) {
        throw new AppError('INVALID', 'the inventory document is invalid', { fields: { 'probe.password': 'is required for a new probe user' } });
      }
      // The heartbeat logs in through the VIP: a new VIP must not receive the
      // stored probe password unless it is sent again.
      if (patch.vip !== undefined && patch.vip !== current.vip && current.probeUser !== null && patch.probe !== null && patch.probe?.password === undefined) {
        throw new AppError('INVALID', 'the inventory document is invalid', { fields: { 'probe.password': 'must be sent again: the VIP changed' } });
      }
      await tx.cluster.update({
        where: { id: current.id },
        data: {
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.vip !== undefined && { vip: patch.vip }),
          ...(patch.description !== undefined && { description: patch.description }),
          ...(patch.virtualRouterId !== undefined && { virtualRouterId: patch.virtualRouterId }),
          ...(patch.lagThresholdSeconds !== undefined && { lagThresholdSeconds: patch.lagThresholdSeconds }),
          ...(patch.switchoverCooldownSeconds !== undefined && { switchoverCooldownSeconds: patch.switchoverCooldownSeconds }),
          ...(patch.heartbeat !== undefined && { heartbeat: patch.heartbeat }),
          ...(patch.probe === null && { probeUser: null, probePasswordEnc: null }),
          ...(patch.probe && { probeUser: patch.probe.user }),
          ...(patch.probe?.password !== undefined && { probePasswordEnc: encryptSecret(patch.probe.password, 'probe.password') }),
        },
      });
      const { repointed, servicesChanged } = patch.nodes ? await writeNodes({ tx, clusterId: current.id, existing: current.nodes, nodes: patch.nodes }) : { repointed: [], servicesChanged: [] };
      return { cluster: toPublicCluster(await tx.cluster.findUniqueOrThrow({ where: { id: current.id }, ...CLUSTER_WITH_NODES })), repointed, servicesChanged };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', `a cluster named "${patch.name ?? name}" already exists`, { fields: { name: 'is already taken' } });
    throw e;
  }
};
