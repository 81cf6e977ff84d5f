import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { TDb } from '@/lib/db/client';
import type { TDialect } from '@/lib/db/dialect';
import { logger } from '@/lib/log';
import { applyLeasePlan } from './apply-lease-plan';
import { readDbClock } from './db-clock';
import { planLeases } from './lease-plan';
import { joinMembership, leaveMembership, liveMembers, renewMembership, type TMember } from './membership';

export type TLeaseKeeperOptions = {
  db: TDb;
  dialect: TDialect;
  serverId: string;
  process: string;
  url: string;
  ttlMs: number;
  renewMs: number;
  // Must stop the clusters' monitors before resolving: it is called before a
  // lease is released and before it could expire.
  onLost: (clusterIds: string[]) => void | Promise<void>;
  onGained: (clusterIds: string[]) => void;
};

export type TLeaseKeeper = { serverId: string; isHeld: (clusterId: string) => boolean; held: () => string[]; stop: () => Promise<void> };

// Divides the clusters among the servers sharing the inventory: every
// renewMs it renews this server's membership and leases, takes its fair
// share and hands back the excess. The rule that keeps a cluster from being
// watched twice: this server drops its monitors on its own once it has gone
// TTL - margin without a renewal, before any other server may take them.
export const startLeaseKeeper = async (o: TLeaseKeeperOptions): Promise<TLeaseKeeper> => {
  const { db, ttlMs } = o;
  const marginMs = Math.max(1000, ttlMs / 4);
  const member: TMember = { id: o.serverId, instance: randomUUID(), process: o.process, url: o.url };
  let held = new Set<string>();
  const freeSince = new Map<string, number>();
  let safety: NodeJS.Timeout | undefined;
  let running = true;
  let cycle = Promise.resolve();
  let failingSince: number | null = null;

  const drop = async (ids: string[], why: string) => {
    if (ids.length === 0) return;
    const gone = new Set(ids);
    held = new Set([...held].filter((id) => !gone.has(id)));
    logger.info('cluster leases dropped', { count: ids.length, why });
    await o.onLost(ids);
  };

  // The join itself waits out a previous run of this server (a quick
  // restart): its row stays fresh for up to one TTL after it died.
  const joinDeadline = performance.now() + ttlMs + o.renewMs;
  for (;;) {
    const clock = await readDbClock({ db, dialect: o.dialect });
    if (await joinMembership({ db, member, now: new Date(Date.now() + clock.offsetMs), ttlMs })) break;
    if (performance.now() > joinDeadline) throw new Error(`another live server uses TANDEM_SERVER_ID ${o.serverId}; give each server its own`);
    await new Promise((r) => setTimeout(r, o.renewMs));
  }

  const once = async () => {
    const clock = await readDbClock({ db, dialect: o.dialect });
    const startedAt = performance.now();
    const nowMs = Date.now() + clock.offsetMs;
    const now = new Date(nowMs);
    if (!(await renewMembership({ db, member, now }))) {
      await drop([...held], 'membership taken over');
      throw new Error(`this server's membership (${o.serverId}) was taken over by another process`);
    }
    const [members, clusters, leases] = await Promise.all([liveMembers({ db, now, ttlMs }), db.cluster.findMany({ select: { id: true } }), db.clusterLease.findMany()]);
    const clusterIds = clusters.map((c) => c.id);
    const rows = leases.map((l) => ({ clusterId: l.clusterId, owner: l.owner, expiresAt: l.expiresAt.getTime() }));
    const byCluster = new Map(rows.map((r) => [r.clusterId, r]));
    for (const id of clusterIds) {
      const l = byCluster.get(id);
      if (!l || l.expiresAt <= nowMs) freeSince.set(id, freeSince.get(id) ?? nowMs);
      else freeSince.delete(id);
    }
    const plan = planLeases({ me: o.serverId, now: nowMs, members: members.map((m) => m.id), clusterIds, leases: rows, freeSince, ttlMs });
    // Monitors stop before their leases are handed back.
    await drop(plan.release.filter((id) => held.has(id)), 'rebalance');
    const expiresAt = new Date(nowMs + ttlMs);
    const now2 = await applyLeasePlan({ db, me: o.serverId, plan, now, expiresAt });
    if (!running) return;
    await drop([...held].filter((id) => !now2.has(id)), 'lease lost');
    const gained = [...now2].filter((id) => !held.has(id));
    held = now2;
    // Measured from before the clock was read: the database's expiry is at
    // least this far away on this host's monotonic clock.
    clearTimeout(safety);
    safety = setTimeout(() => void drop([...held], 'renewal overdue'), Math.max(0, startedAt - clock.roundTripMs + ttlMs - marginMs - performance.now()));
    safety.unref();
    if (gained.length > 0) o.onGained(gained);
  };

  // A cycle stuck on a hung database is not queued behind: the safety timer
  // covers it, and the next tick after it ends renews.
  let isBusy = false;
  const tick = () => {
    if (isBusy) return;
    isBusy = true;
    cycle = cycle
      .then(() => (running ? once() : undefined))
      .then(() => {
        if (failingSince !== null) logger.info('cluster leases renewed again', { server: o.serverId });
        failingSince = null;
      })
      .catch((e: unknown) => {
        // Logged once per outage; the safety timer drops the monitors.
        if (failingSince === null) logger.error('could not renew cluster leases', { server: o.serverId, error: e instanceof Error ? e.message : String(e) });
        failingSince ??= Date.now();
      })
      .finally(() => {
        isBusy = false;
      });
  };
  const timer = setInterval(tick, o.renewMs);
  timer.unref();
  tick();
  await cycle;

  return {
    serverId: o.serverId,
    isHeld: (id) => held.has(id),
    held: () => [...held],
    // Hands every lease back at once, so the others take them on their next
    // renewal instead of after a TTL. The caller stops the monitors first.
    stop: async () => {
      running = false;
      clearInterval(timer);
      clearTimeout(safety);
      await cycle;
      await drop([...held], 'stopping');
      await db.clusterLease.deleteMany({ where: { owner: o.serverId } }).catch(() => undefined);
      await leaveMembership({ db, member }).catch(() => undefined);
    },
  };
};
