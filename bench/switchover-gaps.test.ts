import { describe, expect, it } from 'vitest';
import type { TWriteRecord } from '../lab/writer';
import { doubleMoments, writeGap, type TSample } from './switchover-gaps';

const w = (seq: number, t: number, ack: boolean, ms = 5): TWriteRecord => ({ seq, t, ms, ack });

describe('switchover benchmark judgements', () => {
  it('takes the longest gap between acknowledgements, from the last one before the window', () => {
    const writes = [w(0, 0, true), w(1, 20, true), w(2, 40, false), w(3, 60, false), w(4, 700, true), w(5, 720, true)];
    expect(writeGap(writes, { from: 30, to: 1000 })).toEqual({ gapMs: 680, lastAckBefore: 25, firstAckAfter: 705, failed: 2 });
  });

  it('counts a block still open at the end of the window up to its end', () => {
    expect(writeGap([w(0, 0, true), w(1, 50, false)], { from: 10, to: 500 })).toMatchObject({ gapMs: 495, firstAckAfter: null, failed: 1 });
  });

  it('counts samples with two writers or two VIP holders, and the longest stretch', () => {
    const s = (t: number, vip: number[], ro: (number | null)[]): TSample => ({ t, vip, ro });
    const samples = [s(0, [1, 0], [0, 1]), s(50, [1, 1], [0, 1]), s(100, [1, 1], [0, 0]), s(150, [0, 1], [null, 0]), s(200, [0, 1], [0, 0])];
    const d = doubleMoments(samples);
    expect(d.twoHolders).toEqual({ samples: 2, longestMs: 50, at: [50, 100] });
    expect(d.twoWriters).toEqual({ samples: 2, longestMs: 0, at: [100, 200] });
    expect(doubleMoments(samples, { from: 120, to: 300 }).twoWriters.samples).toBe(1);
  });
});
