// Judges what the collector pushed against what the independent watcher saw.
export type TTruthChange = { t0: number; t1: number; holders: string };
export type TPush = { at: number; holders: string };

// The true holder set at time t: the last change whose reading had begun by t.
export const truthAt = (truth: TTruthChange[], t: number): string | undefined => truth.filter((c) => c.t0 <= t).at(-1)?.holders;

// From the first reading that showed `holders` (at or after `since`) to the
// first push that said exactly that. A push that came before the watcher's
// reading counts as 0.
export const moveLatency = (truth: TTruthChange[], pushes: TPush[], holders: string, since: number): number | undefined => {
  const change = truth.find((c) => c.t0 >= since && c.holders === holders);
  if (!change) return undefined;
  const previous = truth.filter((c) => c.t0 < change.t0).at(-1);
  const push = pushes.find((p) => p.at >= (previous?.t0 ?? since) && p.holders === holders);
  return push ? Math.max(0, push.at - change.t0) : undefined;
};

// For each push, how long it stood (until the next push or `end`) while
// saying something other than the truth; pushes that did so for longer
// than `limitMs` contradicted the truth.
export const contradictions = (truth: TTruthChange[], pushes: TPush[], end: number, limitMs = 250): { at: number; holders: string; wrongMs: number }[] => {
  const out: { at: number; holders: string; wrongMs: number }[] = [];
  pushes.forEach((p, i) => {
    const until = pushes[i + 1]?.at ?? end;
    const cuts = [p.at, ...truth.map((c) => c.t0).filter((t) => t > p.at && t < until), until];
    let wrong = 0;
    let longest = 0;
    for (let k = 0; k < cuts.length - 1; k++) {
      const a = cuts[k] ?? 0;
      const b = cuts[k + 1] ?? 0;
      if (truthAt(truth, a) !== p.holders) wrong += b - a;
      else wrong = 0;
      longest = Math.max(longest, wrong);
    }
    if (longest > limitMs) out.push({ at: p.at, holders: p.holders, wrongMs: longest });
  });
  return out;
};
