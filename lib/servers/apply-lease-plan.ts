import type { TDb } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/clusters/is-unique-violation';
import type { TLeasePlan } from './lease-plan';

// Executes a plan with conditional writes only: a renewal holds only where
// the row still names this server; a take succeeds only where the lease is
// this server's or expired by the database's time. Returns the clusters this
// server holds until expiresAt, read back after the writes.
export const applyLeasePlan = async (o: { db: TDb; me: string; plan: TLeasePlan; now: Date; expiresAt: Date }): Promise<Set<string>> => {
  const { db, me, plan, now, expiresAt } = o;
  if (plan.release.length > 0) await db.clusterLease.deleteMany({ where: { owner: me, clusterId: { in: plan.release } } });
  if (plan.renew.length > 0) await db.clusterLease.updateMany({ where: { owner: me, clusterId: { in: plan.renew } }, data: { expiresAt } });
  if (plan.take.length > 0) {
    // One statement for every lease that exists (this server's or expired);
    // rows are created only for clusters that never had one.
    await db.clusterLease.updateMany({ where: { clusterId: { in: plan.take }, OR: [{ owner: me }, { expiresAt: { lt: now } }] }, data: { owner: me, acquiredAt: now, expiresAt } });
    const existing = new Set((await db.clusterLease.findMany({ where: { clusterId: { in: plan.take } }, select: { clusterId: true } })).map((r) => r.clusterId));
    for (const clusterId of plan.take.filter((id) => !existing.has(id))) {
      try {
        await db.clusterLease.create({ data: { clusterId, owner: me, acquiredAt: now, expiresAt } });
      } catch (e) {
        // Another server created it first, or the cluster was just removed.
        if (!isUniqueViolation(e) && !isForeignKeyViolation(e)) throw e;
      }
    }
  }
  const rows = await db.clusterLease.findMany({ where: { owner: me }, select: { clusterId: true, expiresAt: true } });
  return new Set(rows.filter((r) => r.expiresAt.getTime() === expiresAt.getTime()).map((r) => r.clusterId));
};

// P2003: the cluster row is gone (removed between the read and the take).
const isForeignKeyViolation = (e: unknown): boolean => typeof e === 'object' && e !== null && 'code' in e && e.code === 'P2003';
