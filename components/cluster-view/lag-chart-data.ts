import type { TLagSeries } from '@/lib/collector/read-lag';

// uPlot wants one shared x array (unix seconds) and one y array per series,
// with null where a series has no sample at that time.
export type TChartData = { xs: number[]; series: { label: string; node: string; kind: 'sbm' | 'heartbeat'; ys: (number | null)[] }[] };

export const toChartData = (lag: TLagSeries): TChartData => {
  const times = new Set<number>();
  for (const s of lag) for (const p of s.points) times.add(Date.parse(p.at) / 1000);
  const xs = [...times].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const nodes = [...lag].sort((a, b) => a.node.localeCompare(b.node));
  const series: TChartData['series'] = [];
  for (const s of nodes) {
    const sbm: (number | null)[] = xs.map(() => null);
    const hb: (number | null)[] = xs.map(() => null);
    for (const p of s.points) {
      const i = index.get(Date.parse(p.at) / 1000);
      if (i === undefined) continue;
      sbm[i] = p.secondsBehind;
      hb[i] = p.heartbeatLagSeconds;
    }
    series.push({ label: `${s.node} Seconds_Behind_Master`, node: s.node, kind: 'sbm', ys: sbm });
    if (hb.some((v) => v !== null)) series.push({ label: `${s.node} heartbeat lag`, node: s.node, kind: 'heartbeat', ys: hb });
  }
  return { xs, series };
};

// What the chart shows, in words: for screen readers and for a glance.
export const summarizeLag = (lag: TLagSeries): string => {
  const parts = [...lag]
    .sort((a, b) => a.node.localeCompare(b.node))
    .map((s) => {
      const last = s.points.at(-1);
      const values = s.points.map((p) => p.secondsBehind).filter((v): v is number => v !== null);
      const max = values.length > 0 ? Math.max(...values) : null;
      const now = last?.secondsBehind ?? null;
      const hb = last?.heartbeatLagSeconds ?? null;
      return `${s.node}: now ${now === null ? 'unknown' : `${now} s`}${hb === null ? '' : ` (heartbeat ${hb.toFixed(1)} s)`}, max ${max === null ? 'unknown' : `${max} s`}`;
    });
  return parts.length > 0 ? parts.join('; ') : 'no lag samples in this range';
};
