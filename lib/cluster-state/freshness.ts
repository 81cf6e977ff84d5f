// The collector pushes and saves a snapshot at least every 5 s; three missed
// ones mean the data shown no longer describes the cluster (and, for the CLI,
// that no running server is watching it).
export const STALE_AFTER_MS = 15_000;

export const ageOf = (observedAt: string, now: number): number => now - Date.parse(observedAt);

export const isStale = (ageMs: number): boolean => ageMs > STALE_AFTER_MS;

export type TConnectionState = 'connecting' | 'live' | 'reconnecting';
export type TFreshness = 'live' | 'reconnecting' | 'stale' | 'connecting';

// What a page following the realtime feed may claim about its data. ageMs
// null: nothing observed yet, which is stale once the connection is live.
export const freshnessOf = (connection: TConnectionState, ageMs: number | null): TFreshness => {
  if (connection === 'reconnecting') return 'reconnecting';
  if (ageMs === null) return connection === 'live' ? 'stale' : connection;
  return isStale(ageMs) ? 'stale' : connection;
};
