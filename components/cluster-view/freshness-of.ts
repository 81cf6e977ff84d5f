// The collector pushes at least every 5 s; three missed pushes mean the data
// on screen no longer describes the cluster.
export const STALE_AFTER_MS = 15_000;

export type TFreshness = 'live' | 'reconnecting' | 'stale' | 'connecting';

// ageMs null: nothing observed yet, which is stale once the connection is live.
export const freshnessOf = (connection: 'connecting' | 'live' | 'reconnecting', ageMs: number | null): TFreshness => {
  if (connection === 'reconnecting') return 'reconnecting';
  if (ageMs === null) return connection === 'live' ? 'stale' : connection;
  return ageMs > STALE_AFTER_MS ? 'stale' : connection;
};
