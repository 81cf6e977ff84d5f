// Small helpers shared by benchmarks: medians and percentiles of repeated runs.
export const median = (xs: number[]): number => percentile(xs, 50);

export const percentile = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return (sorted[lo] ?? NaN) + ((sorted[hi] ?? NaN) - (sorted[lo] ?? NaN)) * (rank - lo);
};

export const round = (n: number, digits = 0): number => Number(n.toFixed(digits));
