import { describe, expect, it } from 'vitest';
import { STALE_AFTER_MS, ageOf, freshnessOf, isStale } from './freshness';

describe('data freshness', () => {
  it('is stale only past three missed 5 s pushes', () => {
    expect(STALE_AFTER_MS).toBe(15_000);
    expect(isStale(STALE_AFTER_MS)).toBe(false);
    expect(isStale(STALE_AFTER_MS + 1)).toBe(true);
    expect(ageOf('2026-12-01T05:58:47.944Z', Date.parse('2026-12-01T05:59:02.944Z'))).toBe(15_000);
  });

  it('is live while connected and pushed recently, stale when the collector stops pushing, reconnecting when cut off', () => {
    expect(freshnessOf('live', 1000)).toBe('live');
    expect(freshnessOf('live', STALE_AFTER_MS + 1)).toBe('stale');
    expect(freshnessOf('live', null)).toBe('stale');
    expect(freshnessOf('reconnecting', 1000)).toBe('reconnecting');
    expect(freshnessOf('reconnecting', STALE_AFTER_MS * 10)).toBe('reconnecting');
    expect(freshnessOf('connecting', 0)).toBe('connecting');
    expect(freshnessOf('connecting', null)).toBe('connecting');
  });
});
