// Failed sign-ins per user name and per address in a sliding window, kept in
// memory (one Tandem process). Success clears the user's count.
const WINDOW_MS = 15 * 60_000;
export const LIMITS = { perUser: 5, perAddress: 20 };

const failures = new Map<string, number[]>();

const recent = (key: string, now: number): number[] => {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  failures.set(key, list);
  return list;
};

// Seconds until another attempt is allowed, or 0.
export const signInBlockedFor = (user: string, ip: string | null, now = Date.now()): number => {
  const checks: [string, number][] = [[`u:${user}`, LIMITS.perUser]];
  if (ip) checks.push([`a:${ip}`, LIMITS.perAddress]);
  let wait = 0;
  for (const [key, limit] of checks) {
    const list = recent(key, now);
    if (list.length >= limit) wait = Math.max(wait, Math.ceil(((list[list.length - limit] ?? now) + WINDOW_MS - now) / 1000));
  }
  return wait;
};

export const recordSignInFailure = (user: string, ip: string | null, now = Date.now()): void => {
  for (const key of [`u:${user}`, ...(ip ? [`a:${ip}`] : [])]) failures.set(key, [...recent(key, now), now]);
};

export const clearSignInFailures = (user: string): void => void failures.delete(`u:${user}`);

export const resetRateLimits = (): void => failures.clear();
