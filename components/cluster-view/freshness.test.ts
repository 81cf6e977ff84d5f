import { describe, expect, it } from 'vitest';
import { STALE_AFTER_MS, freshnessOf } from './freshness-of';

describe('data freshness', () => {
  it('is live while connected and pushed recently, stale when the collector stops pushing, reconnecting when cut off', () => {
    expect(freshnessOf('live', 1000)).toBe('live');
    expect(freshnessOf('live', STALE_AFTER_MS + 1)).toBe('stale');
    expect(freshnessOf('reconnecting', 1000)).toBe('reconnecting');
    expect(freshnessOf('reconnecting', STALE_AFTER_MS * 10)).toBe('reconnecting');
    expect(freshnessOf('connecting', 0)).toBe('connecting');
  });
});
