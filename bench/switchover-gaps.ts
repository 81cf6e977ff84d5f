// Pure judgements of the switchover benchmark, from the witnesses' logs.
import type { TWriteRecord } from '../lab/writer';

export type TSample = { t: number; vip: number[]; ro: (number | null)[] };
export type TWindow = { from: number; to: number };

// The write block a client saw around one move: the longest stretch between
// two consecutive acknowledgements (ack = start + round trip), counting the
// last acknowledgement before the window. At 50 writes/s a quiet writer
// shows ~20 ms; anything longer is the move.
export const writeGap = (writes: TWriteRecord[], w: TWindow): { gapMs: number; lastAckBefore: number | null; firstAckAfter: number | null; failed: number } => {
  const acks = writes.filter((x) => x.ack).map((x) => x.t + x.ms).sort((a, b) => a - b);
  const before = acks.filter((a) => a < w.from).at(-1);
  const inside = acks.filter((a) => a >= w.from && a <= w.to);
  const points = before === undefined ? inside : [before, ...inside];
  let gapMs = 0;
  let lastAckBefore: number | null = null;
  let firstAckAfter: number | null = null;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] ?? 0;
    const b = points[i] ?? 0;
    if (b - a > gapMs) [gapMs, lastAckBefore, firstAckAfter] = [b - a, a, b];
  }
  // No acknowledgement after the window opened: the block lasts to its end.
  if (inside.length === 0 && before !== undefined) [gapMs, lastAckBefore, firstAckAfter] = [w.to - before, before, null];
  const failed = writes.filter((x) => !x.ack && x.t >= w.from && x.t <= w.to).length;
  return { gapMs, lastAckBefore, firstAckAfter, failed };
};

// Samples in which both nodes were writable, or both held the VIP, and the
// longest unbroken stretch of each (first to last such sample).
export const doubleMoments = (samples: TSample[], w?: TWindow) => {
  const count = (bad: (s: TSample) => boolean) => {
    let n = 0;
    let longestMs = 0;
    let since: number | null = null;
    const at: number[] = [];
    for (const s of samples) {
      if (w && (s.t < w.from || s.t > w.to)) continue;
      if (bad(s)) {
        n++;
        at.push(s.t);
        since ??= s.t;
        longestMs = Math.max(longestMs, s.t - since);
      } else since = null;
    }
    return { samples: n, longestMs, at };
  };
  return {
    twoWriters: count((s) => s.ro.length >= 2 && s.ro.every((r) => r === 0)),
    twoHolders: count((s) => s.vip.length >= 2 && s.vip.every((v) => v === 1)),
  };
};
