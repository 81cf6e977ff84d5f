import { addressBucket } from '@/lib/http/client-address';

// Failed sign-ins per user name and per address in a sliding window, kept in
// memory (one Tandem process). Success clears the user's count. The user key
// is the canonical name (only names valid on creation count: "admin " is not
// admin); an IPv6 client counts by its /64, and a request without a known
// address shares one "unknown" bucket.
const WINDOW_MS = 15 * 60_000;
export const LIMITS = { perUser: 5, perAddress: 20 };

const failures = new Map<string, number[]>();

const recent = (key: string, now: number): number[] => {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  failures.set(key, list);
  return list;
};

const keysOf = (user: string | null, ip: string | null): [string, number][] => [
  ...(user !== null ? [[`u:${user}`, LIMITS.perUser] as [string, number]] : []),
  [`a:${addressBucket(ip)}`, LIMITS.perAddress],
];

// Seconds until another attempt is allowed, or 0.
export const signInBlockedFor = (user: string | null, ip: string | null, now = Date.now()): number => {
  let wait = 0;
  for (const [key, limit] of keysOf(user, ip)) {
    const list = recent(key, now);
    if (list.length >= limit) wait = Math.max(wait, Math.ceil(((list[list.length - limit] ?? now) + WINDOW_MS - now) / 1000));
  }
  return wait;
};

export const recordSignInFailure = (user: string | null, ip: string | null, now = Date.now()): void => {
  for (const [key] of keysOf(user, ip)) failures.set(key, [...recent(key, now), now]);
};

export const clearSignInFailures = (user: string): void => void failures.delete(`u:${user}`);

export const resetRateLimits = (): void => failures.clear();
