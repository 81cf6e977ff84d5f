import { findClusterIdByName } from '@/lib/clusters/find-cluster-by-name';
import type { TDb } from '@/lib/db/client';
import { dialectOf } from '@/lib/db/dialect';
import { getEnv } from '@/lib/env';
import { readDbClock } from './db-clock';

// Which server watches a cluster, as the leases say. here: this server (or no
// leases at all: one server, which watches everything); other: another live
// server; none: servers share the inventory but nobody holds the lease now
// (its watcher died a moment ago and the lease has not moved yet).
export type TWatcher = { kind: 'here' } | { kind: 'other'; serverId: string; url: string } | { kind: 'none' };

export const findWatcher = async ({ db, cluster }: { db: TDb; cluster: string }): Promise<TWatcher> => {
  const env = getEnv();
  const clusterId = await findClusterIdByName({ db, name: cluster });
  // The database's time, as the lease keepers use: this server's clock may
  // disagree with theirs by seconds.
  const now = Date.now() + (await readDbClock({ db, dialect: dialectOf(env.databaseUrl) })).offsetMs;
  const lease = await db.clusterLease.findUnique({ where: { clusterId } });
  if (lease && lease.expiresAt.getTime() > now) {
    if (lease.owner === env.serverId) return { kind: 'here' };
    const member = await db.serverMember.findUnique({ where: { id: lease.owner }, select: { url: true } });
    return { kind: 'other', serverId: lease.owner, url: member?.url ?? '' };
  }
  const members = await db.serverMember.count({ where: { heartbeatAt: { gt: new Date(now - env.TANDEM_LEASE_TTL_MS) } } });
  return members === 0 ? { kind: 'here' } : { kind: 'none' };
};
