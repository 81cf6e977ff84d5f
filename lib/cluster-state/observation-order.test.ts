import { describe, expect, it } from 'vitest';
import { OUT_OF_ORDER_WINDOW_MS, replacesObservation } from './observation-order';

const at = (ms: number) => new Date(Date.parse('2026-12-04T10:00:00.000Z') + ms).toISOString();

describe('the order of observations of one cluster', () => {
  it('takes a newer or equal observation and refuses one a few seconds older', () => {
    expect(replacesObservation(at(0), at(1000))).toBe(true);
    expect(replacesObservation(at(1000), at(1000))).toBe(true);
    // The live view asked of another server, answered after its newer push.
    expect(replacesObservation(at(5000), at(3500))).toBe(false);
    expect(replacesObservation(at(OUT_OF_ORDER_WINDOW_MS), at(0))).toBe(false);
  });

  it('takes one older by more than the window (another clock, a restart) and whatever cannot be compared', () => {
    expect(replacesObservation(at(OUT_OF_ORDER_WINDOW_MS + 1), at(0))).toBe(true);
    expect(replacesObservation(null, at(0))).toBe(true);
    expect(replacesObservation(at(0), null)).toBe(true);
    expect(replacesObservation('garbage', at(0))).toBe(true);
  });
});
