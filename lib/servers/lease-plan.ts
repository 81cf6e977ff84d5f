// What one server should do with the cluster leases this cycle, decided from
// one read of the table. Pure: the keeper executes the plan with conditional
// updates, so a plan made on a stale read can lose a race but never make two
// owners.

export type TLeaseRow = { clusterId: string; owner: string; expiresAt: number };

export type TLeaseView = {
  me: string;
  // The database's time now (ms).
  now: number;
  // Live members' ids, this server's included.
  members: string[];
  clusterIds: string[];
  leases: TLeaseRow[];
  // Clusters this server has seen without a live owner since (ms), to take
  // beyond its share what a live member leaves unwatched.
  freeSince: ReadonlyMap<string, number>;
  ttlMs: number;
};

export type TLeasePlan = { renew: string[]; take: string[]; release: string[] };

// Every member's fair share: the clusters divided evenly, the first
// (by id) members of the remainder taking one more. Each member computes the
// same targets from the same member list, so releases and takes meet.
export const shareOf = (me: string, members: string[], clusters: number): number => {
  const sorted = [...new Set([...members, me])].sort();
  const base = Math.floor(clusters / sorted.length);
  return base + (sorted.indexOf(me) < clusters % sorted.length ? 1 : 0);
};

export const planLeases = (v: TLeaseView): TLeasePlan => {
  const byCluster = new Map(v.leases.map((l) => [l.clusterId, l]));
  const target = shareOf(v.me, v.members, v.clusterIds.length);
  // A lease is mine while the row says so (even just expired: renewing it is
  // a conditional update that fails if someone else took it meanwhile).
  const mine = v.clusterIds.filter((id) => byCluster.get(id)?.owner === v.me).sort();
  const isFree = (id: string) => {
    const l = byCluster.get(id);
    // A dead member's lease is free only once expired: it may still be
    // stopping its monitors until then.
    return !l || (l.owner !== v.me && l.expiresAt <= v.now);
  };
  const free = v.clusterIds.filter(isFree).sort();

  if (mine.length > target) {
    // Keep the first ones (stable), hand the rest back for the others to take.
    return { renew: mine.slice(0, target), take: [], release: mine.slice(target) };
  }
  const room = target - mine.length;
  const take = free.slice(0, room);
  // Beyond the share, only what nobody has taken for a whole TTL: a member
  // that counts as live but does not watch must not leave clusters unwatched.
  const abandoned = free.slice(room).filter((id) => v.now - (v.freeSince.get(id) ?? v.now) >= v.ttlMs);
  return { renew: mine, take: [...take, ...abandoned], release: [] };
};
