import type { TDrillTimelinePush } from '@/lib/realtime/payloads';

// The geometry of a drill's timeline chart, apart from the drawing so it
// can be checked with numbers. Times are ms from the injection, as the
// engine stores them.

// Probe outcomes per column. A long drill has thousands of 100 ms buckets:
// they are summed into at most `maxColumns`, so the chart stays a few
// hundred rectangles and a column is never thinner than a pixel or so.
export type TColumn = { from: number; to: number; okWrites: number; failedWrites: number; okReads: number; failedReads: number };

export const columnsOf = (t: Pick<TDrillTimelinePush, 'bucketMs' | 'start' | 'buckets'>, maxColumns: number): TColumn[] => {
  const per = Math.max(1, Math.ceil(t.buckets.length / Math.max(1, maxColumns)));
  const columns: TColumn[] = [];
  for (let i = 0; i < t.buckets.length; i += per) {
    const group = t.buckets.slice(i, i + per);
    const sum = (k: 0 | 1 | 2 | 3) => group.reduce((n, b) => n + b[k], 0);
    columns.push({ from: t.start + i * t.bucketMs, to: t.start + (i + group.length) * t.bucketMs, okWrites: sum(0), failedWrites: sum(1), okReads: sum(2), failedReads: sum(3) });
  }
  return columns;
};

// The span the chart shows: the probe's buckets, widened to every mark and
// band so nothing recorded falls off an edge.
export const domainOf = (t: TDrillTimelinePush): { from: number; to: number } => {
  const end = t.start + t.buckets.length * t.bucketMs;
  const from = Math.min(t.start, ...t.marks.map((m) => m.t), ...t.segments.map((s) => s.from));
  const to = Math.max(end, ...t.marks.map((m) => m.t), ...t.segments.map((s) => s.to));
  return to > from ? { from, to } : { from, to: from + t.bucketMs };
};

export const scaleOf = (domain: { from: number; to: number }, x0: number, x1: number) => (t: number): number => x0 + ((t - domain.from) / (domain.to - domain.from)) * (x1 - x0);

const STEPS_MS = [100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000];

// Axis ticks at round multiples of a step, 0 (the injection) among them.
export const ticksOf = (domain: { from: number; to: number }, maxTicks: number): number[] => {
  const span = domain.to - domain.from;
  const step = STEPS_MS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks);
  const ticks: number[] = [];
  for (let t = Math.ceil(domain.from / step) * step; t <= domain.to; t += step) ticks.push(t === 0 ? 0 : t);
  return ticks;
};

export const formatTick = (ms: number): string => (ms === 0 ? '0' : `${ms < 0 ? '−' : '+'}${Math.abs(ms) >= 1000 ? `${+(Math.abs(ms) / 1000).toFixed(1)} s` : `${Math.abs(ms)} ms`}`);

// A band of the VIP holders or of the writable nodes: who, over which span.
// `many` is the dangerous one (two holders, two writers) and is drawn red.
export type TBand = { from: number; to: number; nodes: string[]; tone: 'none' | 'one' | 'many' };

export const bandsOf = (segments: TDrillTimelinePush['segments'], pick: 'holders' | 'writable'): TBand[] => {
  const bands: TBand[] = [];
  for (const s of segments) {
    const nodes = s[pick];
    const last = bands.at(-1);
    // Segments split on either set; a band only on its own.
    if (last && last.to === s.from && last.nodes.join(',') === nodes.join(',')) {
      last.to = s.to;
      continue;
    }
    bands.push({ from: s.from, to: s.to, nodes, tone: nodes.length === 0 ? 'none' : nodes.length === 1 ? 'one' : 'many' });
  }
  return bands;
};

// Every node that appears in the chart, in a stable order, so one node
// keeps its colour in both bands and in the legend.
export const nodesOf = (segments: TDrillTimelinePush['segments']): string[] => [...new Set(segments.flatMap((s) => [...s.holders, ...s.writable]))].sort();

// Labels of marks close together would overlap: each goes on the first of
// `rows` label rows where it clears the previous label on that row, or on
// none (-1: the line stays, with its title, and the list below names it).
export const labelRowsOf = (xs: number[], minGap: number, rows: number): number[] => {
  const lastX = Array.from({ length: rows }, () => Number.NEGATIVE_INFINITY);
  return xs.map((x) => {
    const row = lastX.findIndex((l) => x - l >= minGap);
    if (row !== -1) lastX[row] = x;
    return row;
  });
};

// The chart's text alternative: what a reader would take from the picture.
export const describeTimeline = (t: TDrillTimelinePush): string => {
  const total = t.buckets.reduce((a, b) => [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]], [0, 0, 0, 0]);
  const failing = columnsOf(t, t.buckets.length).filter((c) => c.failedWrites > 0);
  const first = failing[0];
  const last = failing.at(-1);
  const holders = bandsOf(t.segments, 'holders').map((b) => `${b.nodes.join(' and ') || 'nobody'} from ${formatTick(b.from)}`);
  return [
    `${total[0]} writes acknowledged and ${total[1]} failed, ${total[2]} reads answered and ${total[3]} failed.`,
    first && last ? `Writes failed between ${formatTick(first.from)} and ${formatTick(last.to)} from the injection.` : 'No write failed.',
    holders.length > 0 ? `VIP held by ${holders.join(', then ')}.` : 'No VIP sample.',
  ].join(' ');
};
