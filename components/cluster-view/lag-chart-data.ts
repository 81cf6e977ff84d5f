import type { TLagSeries } from '@/lib/collector/read-lag';

// uPlot wants one shared x array (unix seconds) and one y array per series.
// A series has `undefined` at the other nodes' sample times (uPlot joins
// across those) and `null` where the line must break: Seconds_Behind_Master
// NULL (SQL thread stopped), or no sample for a while (node unreachable,
// replication not configured), so an outage is never drawn as a flat line.
export const SAMPLE_EVERY_MS = 5000;
const GAP_AFTER_MS = 2.5 * SAMPLE_EVERY_MS;

type TValue = number | null | undefined;
export type TChartData = { xs: number[]; series: { label: string; node: string; kind: 'sbm' | 'heartbeat'; ys: TValue[] }[] };

type TPoint = { t: number; sbm: number | null; hb: number | null };

const withBreaks = (points: TLagSeries[number]['points']): TPoint[] => {
  const out: TPoint[] = [];
  let prev: number | null = null;
  for (const p of [...points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    const t = Date.parse(p.at);
    if (prev !== null && t - prev > GAP_AFTER_MS) out.push({ t: prev + SAMPLE_EVERY_MS, sbm: null, hb: null });
    out.push({ t, sbm: p.secondsBehind, hb: p.heartbeatLagSeconds });
    prev = t;
  }
  return out;
};

export const toChartData = (lag: TLagSeries): TChartData => {
  const nodes = [...lag].sort((a, b) => a.node.localeCompare(b.node)).map((s) => ({ node: s.node, points: withBreaks(s.points) }));
  const xs = [...new Set(nodes.flatMap((n) => n.points.map((p) => p.t / 1000)))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const series: TChartData['series'] = [];
  for (const { node, points } of nodes) {
    const sbm: TValue[] = xs.map(() => undefined);
    const hb: TValue[] = xs.map(() => undefined);
    for (const p of points) {
      const i = index.get(p.t / 1000);
      if (i === undefined) continue;
      sbm[i] = p.sbm;
      hb[i] = p.hb;
    }
    series.push({ label: `${node} Seconds_Behind_Master`, node, kind: 'sbm', ys: sbm });
    if (points.some((p) => p.hb !== null)) series.push({ label: `${node} heartbeat lag`, node, kind: 'heartbeat', ys: hb });
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
