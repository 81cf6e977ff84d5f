'use client';
import 'uplot/dist/uPlot.min.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import { serverNow } from '@/components/realtime/socket';
import { useLagSeries } from '@/components/realtime/use-lag-series';
import type { TLagHistory } from '@/lib/realtime/payloads';
import { summarizeLag, toChartData } from './lag-chart-data';

export const RANGES = [
  { minutes: 15, label: '15 min' },
  { minutes: 60, label: '1 h' },
  { minutes: 360, label: '6 h' },
  { minutes: 1440, label: '24 h' },
] as const;

const COLORS = ['#4f46e5', '#d97706', '#059669', '#db2777', '#0891b2'];

const useDarkScheme = (): boolean => {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    setDark(mq.matches);
    const on = (e: MediaQueryListEvent) => setDark(e.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return dark;
};

export const LagChart = ({ cluster, initial }: { cluster: string; initial: TLagHistory }) => {
  const [minutes, setMinutes] = useState<number>(15);
  const { series, loading, error } = useLagSeries(cluster, initial, minutes);
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const dark = useDarkScheme();
  const data = useMemo(() => toChartData(series), [series]);
  const labels = data.series.map((s) => s.label).join('\n');
  const latest = useRef({ data, minutes });
  latest.current = { data, minutes };

  // One chart per set of series and colour scheme; new data goes to setData.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const { data: d } = latest.current;
    const nodes = [...new Set(d.series.map((s) => s.node))];
    const ink = dark ? '#cbd5e1' : '#334155';
    const grid = dark ? '#334155' : '#e2e8f0';
    const axis = { stroke: ink, grid: { stroke: grid }, ticks: { stroke: grid } };
    const chart = new uPlot(
      {
        width: Math.max(300, el.clientWidth),
        height: 220,
        scales: {
          x: { time: true, range: () => [serverNow() / 1000 - latest.current.minutes * 60, serverNow() / 1000] },
          y: { range: (_u, _min, max) => [0, Math.max(5, Math.ceil((max ?? 0) * 1.2))] },
        },
        axes: [axis, { ...axis, label: 'seconds', size: 50 }],
        series: [
          {},
          ...d.series.map((s) => ({
            label: s.label,
            stroke: COLORS[nodes.indexOf(s.node) % COLORS.length],
            width: 2,
            dash: s.kind === 'heartbeat' ? [6, 4] : undefined,
            // null breaks the line (an outage); the other nodes' times (undefined) are joined over.
            spanGaps: false,
            points: { show: false },
          })),
        ],
        legend: { show: true },
      },
      [d.xs, ...d.series.map((s) => s.ys)],
      el,
    );
    plot.current = chart;
    const ro = new ResizeObserver(() => chart.setSize({ width: Math.max(300, el.clientWidth), height: 220 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [labels, dark]);

  useEffect(() => {
    plot.current?.setData([data.xs, ...data.series.map((s) => s.ys)]);
  }, [data, minutes]);

  const summary = summarizeLag(series);
  return (
    <section aria-labelledby="lag-title" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <h2 id="lag-title" className="text-base font-semibold">Replication lag</h2>
        <div role="group" aria-label="Lag chart range" className="ml-auto flex gap-1">
          {RANGES.map((r) => (
            <button key={r.minutes} type="button" aria-pressed={minutes === r.minutes} onClick={() => setMinutes(r.minutes)}
              className="rounded-md border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600 aria-pressed:bg-indigo-600 aria-pressed:text-white dark:border-slate-600 dark:hover:bg-slate-800">
              {r.label}
            </button>
          ))}
        </div>
      </div>
      <div ref={box} role="img" aria-label={`Lag chart, last ${RANGES.find((r) => r.minutes === minutes)?.label}: ${summary}`} className="min-h-[220px] w-full" />
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300" data-testid="lag-summary">
        {loading ? 'Loading… ' : ''}{error ? <span className="text-red-700 dark:text-red-300">{error}. </span> : null}Seconds_Behind_Master (solid) and heartbeat lag (dashed), samples every 5 s. {summary}.
      </p>
    </section>
  );
};
