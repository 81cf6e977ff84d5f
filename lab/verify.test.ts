import { describe, expect, it } from 'vitest';
import { longestOutage } from './verify';
import type { TWriteRecord } from './writer';

const w = (seq: number, t: number, ack: boolean, ms = 5): TWriteRecord => ({ seq, t, ms, ack });

// The witness writer's outage is what drills and switchovers are checked
// against; it follows the drill report's rule (lib/actions/drill/longest-outage.ts).
describe("the witness writer's longest outage", () => {
  it('runs from the first failed write to the first acknowledgement of a write started after it', () => {
    expect(longestOutage([w(0, 0, true, 3000), w(1, 100, false, 10), w(2, 200, false, 10), w(3, 300, true, 20)])).toBe(220);
    // The first write after the move waited out a lost SYN; the next ones were acknowledged at once.
    expect(longestOutage([w(0, 0, false, 1000), w(1, 300, true, 1000), w(2, 350, true, 70), w(3, 400, true, 30)])).toBe(420);
    expect(longestOutage([w(0, 0, false, 1000), w(1, 50, false, 1000)])).toBe(1050);
    expect(longestOutage([w(0, 0, true)])).toBe(0);
  });

  it('when the record ends failing, runs to the latest give-up of a write sent after the failure', () => {
    expect(longestOutage([w(0, 0, true), w(1, 100, false, 3000), w(2, 200, false, 10)])).toBe(3000);
    // Sent in the same millisecond but before the failed one: its late answer does not count.
    expect(longestOutage([w(1, 100, false, 10), w(0, 100, true, 2000)])).toBe(10);
  });
});
