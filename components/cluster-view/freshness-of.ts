// The collector pushes at least every 5 s; three missed pushes mean the data
// on screen no longer describes the cluster.
export const STALE_AFTER_MS = 15_000;

export type TFreshness = 'live' | 'reconnecting' | 'stale' | 'connecting';

export const freshnessOf = (connection: 'connecting' | 'live' | 'reconnecting', ageMs: number): TFreshness =>
  connection === 'reconnecting' ? 'reconnecting' : ageMs > STALE_AFTER_MS ? 'stale' : connection;
