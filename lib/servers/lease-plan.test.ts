import { describe, expect, it } from 'vitest';
import { planLeases, shareOf, type TLeaseView } from './lease-plan';

const clusters = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
const view = (over: Partial<TLeaseView>): TLeaseView => ({ me: 'a', now: 100_000, members: ['a'], clusterIds: clusters(9), leases: [], freeSince: new Map(), ttlMs: 6000, ...over });
const held = (owner: string, ids: string[], expiresAt = 200_000) => ids.map((clusterId) => ({ clusterId, owner, expiresAt }));

describe('fair share', () => {
  it('divides evenly and gives the remainder to the first members by id', () => {
    expect(['a', 'b', 'c'].map((m) => shareOf(m, ['c', 'a', 'b'], 7))).toEqual([3, 2, 2]);
    expect(['a', 'b', 'c'].map((m) => shareOf(m, ['a', 'b', 'c'], 9))).toEqual([3, 3, 3]);
    expect(shareOf('a', [], 4)).toBe(4);
  });
});

describe('planLeases', () => {
  it('a lone server takes every cluster', () => {
    expect(planLeases(view({})).take).toEqual(clusters(9).sort());
  });

  it('a joining server takes only free clusters, up to its share', () => {
    const leases = [...held('b', ['c0', 'c1', 'c2', 'c3', 'c4']), ...held('c', ['c5', 'c6'])];
    const p = planLeases(view({ members: ['a', 'b', 'c'], leases }));
    expect(p).toEqual({ renew: [], take: ['c7', 'c8'], release: [] });
  });

  it('a server above its share releases the excess and keeps the rest', () => {
    const leases = held('b', clusters(9));
    const p = planLeases(view({ me: 'b', members: ['a', 'b', 'c'], leases }));
    expect(p.renew).toHaveLength(3);
    expect(p.release).toHaveLength(6);
    expect(new Set([...p.renew, ...p.release]).size).toBe(9);
  });

  it('an expired lease of another server is free, a live one is not', () => {
    const leases = [...held('b', ['c0'], 99_000), ...held('b', ['c1'], 101_000)];
    const p = planLeases(view({ members: ['a', 'b'], clusterIds: ['c0', 'c1'], leases }));
    expect(p.take).toEqual(['c0']);
  });

  it('renews its own leases, even one that just expired (the update is conditional)', () => {
    const leases = held('a', ['c0', 'c1'], 99_000);
    expect(planLeases(view({ members: ['a', 'b'], clusterIds: ['c0', 'c1', 'c2', 'c3'], leases })).renew).toEqual(['c0', 'c1']);
  });

  it('takes beyond its share only what stayed free for a whole TTL', () => {
    const base = { members: ['a', 'b'], clusterIds: ['c0', 'c1', 'c2', 'c3'], leases: held('a', ['c0', 'c1']) };
    expect(planLeases(view({ ...base, freeSince: new Map([['c2', 99_000]]) })).take).toEqual([]);
    expect(planLeases(view({ ...base, freeSince: new Map([['c2', 90_000]]) })).take).toEqual(['c2']);
  });
});
