// One rule for a drill's report and for the lab's witness writer, so the two
// can be compared. Pure: the lab imports it by relative path.
export type TAttemptTiming = { t: number; ms: number; ok: boolean };

// Service came back at the first answer to any attempt from the first one
// started after the failure on: attempts overlap, and the first to start may
// be one that waited out a lost SYN (a neighbour entry still naming the old
// holder) while the next ones were answered at once.
const firstAckFrom = (list: readonly TAttemptTiming[], from: number): number => {
  let first = Infinity;
  for (let j = from; j < list.length; j += 1) {
    const a = list[j];
    if (!a) continue;
    if (a.t >= first) break;
    if (a.ok) first = Math.min(first, a.t + a.ms);
  }
  return first;
};

// The longest time clients could not get through, over attempts sorted by
// start (ties in the order they were sent): from the start of a failed
// attempt to the first answer of an attempt sent after it, or, if none came
// before the record ends, to the latest end of any attempt sent after it.
// One sent before the failure proves nothing about after.
export const longestOutageOf = (sorted: readonly TAttemptTiming[]): number => {
  let longest = 0;
  let failedAt: number | null = null;
  for (const [i, a] of sorted.entries()) {
    if (!a.ok) failedAt ??= i;
    else if (failedAt !== null) {
      const since = sorted[failedAt]?.t ?? a.t;
      longest = Math.max(longest, firstAckFrom(sorted, i) - since);
      failedAt = null;
    }
  }
  // Still failing when the record ends: at least until the latest answer or
  // give-up seen, which need not be the last attempt's (an earlier one may
  // have waited out its whole timeout).
  if (failedAt !== null) {
    const after = sorted.slice(failedAt);
    const since = after[0]?.t ?? 0;
    longest = Math.max(longest, Math.max(...after.map((a) => a.t + a.ms)) - since);
  }
  return longest;
};
