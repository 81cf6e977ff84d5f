import { randomUUID } from 'node:crypto';
import { addressBucket } from '@/lib/http/client-address';
import { logger } from '@/lib/log';
import { getRedis, type TRedis } from '@/lib/redis/redis-clients';

// Failed sign-ins per user name and per address in a sliding window. Success
// clears the user's count. The user key is the canonical name (only names
// valid on creation count: "admin " is not admin); an IPv6 client counts by
// its /64, and a request without a known address shares one "unknown" bucket.
// With TANDEM_REDIS_URL the window is in Redis, shared by every server (a
// guesser spreading attempts over servers gets no more tries); without, in
// this process's memory.
const WINDOW_MS = 15 * 60_000;
export const LIMITS = { perUser: 5, perAddress: 20 };

// The failure times (ms) of one key, oldest first.
type TFailureStore = {
  recent: (key: string, now: number) => Promise<number[]>;
  add: (key: string, now: number) => Promise<void>;
  clear: (key: string) => Promise<void>;
};

const failures = new Map<string, number[]>();

const memoryStore: TFailureStore = {
  recent: async (key, now) => {
    const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    failures.set(key, list);
    return list;
  },
  add: async (key, now) => void failures.set(key, [...(await memoryStore.recent(key, now)), now]),
  clear: async (key) => void failures.delete(key),
};

// A sorted set per key, scored by time; members are unique so two failures
// in one millisecond count twice.
const redisStore = (r: TRedis): TFailureStore => {
  const k = (key: string) => `tandem:signin-failures:${key}`;
  return {
    recent: async (key, now) => {
      const [, scores] = await r.command.multi().zRemRangeByScore(k(key), '-inf', now - WINDOW_MS).zRangeWithScores(k(key), 0, -1).exec();
      return Array.isArray(scores) ? scores.flatMap((s: unknown) => (typeof s === 'object' && s !== null && 'score' in s && typeof s.score === 'number' ? [s.score] : [])) : [];
    },
    add: async (key, now) => void (await r.command.multi().zAdd(k(key), { score: now, value: `${now}:${randomUUID()}` }).pExpire(k(key), WINDOW_MS).exec()),
    clear: async (key) => void (await r.command.del(k(key))),
  };
};

// Redis unreachable: the limits fall back to this process's memory rather
// than failing open (unlimited guessing during an outage) or closed (nobody
// can sign in to Tandem while Redis is down, possibly in the very incident
// Tandem is needed for). Each server then limits on its own.
let warned = false;
// A Redis that accepts connections but does not answer must not hold a sign-in.
const REDIS_ANSWER_MS = 1000;
const withinAnswerTime = async <T>(work: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${REDIS_ANSWER_MS} ms`)), REDIS_ANSWER_MS)))]);
  } finally {
    clearTimeout(timer);
  }
};
const withStore = async <T>(work: (s: TFailureStore) => Promise<T>): Promise<T> => {
  const r = getRedis();
  if (!r) return work(memoryStore);
  if (r.command.isReady) {
    try {
      const value = await withinAnswerTime(work(redisStore(r)));
      warned = false;
      return value;
    } catch (e) {
      if (!warned) logger.warn('sign-in rate limits: redis failed, counting in memory', { error: e instanceof Error ? e.message : String(e) });
      warned = true;
    }
  }
  return work(memoryStore);
};

const keysOf = (user: string | null, ip: string | null): [string, number][] => [
  ...(user !== null ? [[`u:${user}`, LIMITS.perUser] as [string, number]] : []),
  [`a:${addressBucket(ip)}`, LIMITS.perAddress],
];

// Seconds until another attempt is allowed, or 0.
export const signInBlockedFor = (user: string | null, ip: string | null, now = Date.now()): Promise<number> =>
  withStore(async (s) => {
    let wait = 0;
    for (const [key, limit] of keysOf(user, ip)) {
      const list = await s.recent(key, now);
      if (list.length >= limit) wait = Math.max(wait, Math.ceil(((list[list.length - limit] ?? now) + WINDOW_MS - now) / 1000));
    }
    return wait;
  });

export const recordSignInFailure = (user: string | null, ip: string | null, now = Date.now()): Promise<void> =>
  withStore(async (s) => {
    for (const [key] of keysOf(user, ip)) await s.add(key, now);
  });

export const clearSignInFailures = (user: string): Promise<void> => withStore((s) => s.clear(`u:${user}`));

// Tests: forgets every count, in memory and in Redis.
export const resetRateLimits = async (): Promise<void> => {
  failures.clear();
  const r = getRedis();
  if (!r?.command.isReady) return;
  for await (const keys of r.command.scanIterator({ MATCH: 'tandem:signin-failures:*', COUNT: 100 })) if (keys.length > 0) await r.command.del(keys);
};
