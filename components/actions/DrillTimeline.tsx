import type { TDrillTimelinePush } from '@/lib/realtime/payloads';
import { formatSince } from './drill-format';
import { bandsOf, columnsOf, describeTimeline, domainOf, formatTick, labelRowsOf, nodesOf, scaleOf, ticksOf, type TBand } from './drill-timeline';

// The drill's timeline as one SVG (no chart library: a few hundred
// rectangles): probe outcomes per 100 ms, the VIP holder and writable
// bands, the marks (injected, restored…) and the monitor's events as ticks.
// Colour is never the only carrier: bands are labelled, ticks have titles,
// and the events are listed below.

const W = 720;
const X0 = 84;
const X1 = W - 12;
// Three rows of mark labels above the chart, 11 units apart.
const LABEL_ROWS = 3;
const ROW = {
  writes: { top: 42, height: 80 },
  reads: { top: 130, height: 48 },
  vip: { top: 188, height: 18 },
  writable: { top: 212, height: 18 },
  events: { top: 236, height: 14 },
};
const AXIS_Y = 256;
const H = 276;

const NODE_FILL = ['fill-indigo-500', 'fill-teal-600', 'fill-amber-500', 'fill-fuchsia-500'];
const NODE_SWATCH = ['bg-indigo-500', 'bg-teal-600', 'bg-amber-500', 'bg-fuchsia-500'];
const TEXT = 'fill-slate-700 dark:fill-slate-300';

const eventFill = (e: { kind: string; severity: string | null }): string => {
  if (e.severity === 'critical') return 'fill-red-600';
  if (e.severity === 'warning') return 'fill-amber-500';
  if (e.kind === 'keepalived-transition' || e.kind === 'vip-moved') return 'fill-indigo-600 dark:fill-indigo-400';
  return 'fill-slate-500';
};

const Band = ({ bands, top, height, x, fillOf, what }: { bands: TBand[]; top: number; height: number; x: (t: number) => number; fillOf: (b: TBand) => string; what: string }) => (
  <g>
    {bands.map((b) => {
      const left = x(b.from);
      const width = Math.max(1, x(b.to) - left);
      const who = b.nodes.join(' + ') || 'nobody';
      return (
        <g key={`${what}-${b.from}`}>
          <rect x={left} y={top} width={width} height={height} className={fillOf(b)}>
            <title>{`${what}: ${who}, ${formatTick(b.from)} to ${formatTick(b.to)}`}</title>
          </rect>
          {width > who.length * 6 + 8 && <text x={left + 4} y={top + height - 5} fontSize={10} className={b.tone === 'none' ? TEXT : 'fill-white'}>{who}</text>}
        </g>
      );
    })}
  </g>
);

export const DrillTimeline = ({ timeline }: { timeline: TDrillTimelinePush }) => {
  const domain = domainOf(timeline);
  const x = scaleOf(domain, X0, X1);
  const columns = columnsOf(timeline, Math.floor((X1 - X0) / 1.5));
  const maxWrites = Math.max(1, ...columns.map((c) => c.okWrites + c.failedWrites));
  const maxReads = Math.max(1, ...columns.map((c) => c.okReads + c.failedReads));
  const nodes = nodesOf(timeline.segments);
  const nodeFill = (n: string) => NODE_FILL[nodes.indexOf(n) % NODE_FILL.length] ?? 'fill-slate-500';
  const fillOf = (b: TBand) => (b.tone === 'many' ? 'fill-red-600' : b.tone === 'none' ? 'fill-slate-200 dark:fill-slate-700' : nodeFill(b.nodes[0] ?? ''));
  const marks = [...timeline.marks].sort((a, b) => a.t - b.t);
  const markRows = labelRowsOf(marks.map((m) => x(m.t)), 96, LABEL_ROWS);
  const bars = (top: number, height: number, max: number, ok: (c: (typeof columns)[number]) => number, failed: (c: (typeof columns)[number]) => number) =>
    columns.map((c) => {
      const left = x(c.from);
      const width = Math.max(0.8, x(c.to) - left - 0.3);
      const okH = (ok(c) / max) * height;
      const failH = (failed(c) / max) * height;
      const base = top + height;
      return (
        <g key={c.from}>
          {okH > 0 && <rect x={left} y={base - okH} width={width} height={okH} className="fill-emerald-500" />}
          {failH > 0 && <rect x={left} y={base - okH - failH} width={width} height={failH} className="fill-red-500" />}
        </g>
      );
    });
  const rowLabel = (label: string, top: number, height: number) => <text x={4} y={top + height / 2 + 4} fontSize={11} className={TEXT}>{label}</text>;

  return (
    <figure className="space-y-2">
      <svg role="img" aria-labelledby="drill-timeline-title" aria-describedby="drill-timeline-desc" viewBox={`0 0 ${W} ${H}`} className="h-auto w-full rounded border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
        <title id="drill-timeline-title">Drill timeline</title>
        <desc id="drill-timeline-desc">{describeTimeline(timeline)}</desc>
        {rowLabel('Writes', ROW.writes.top, ROW.writes.height)}
        <text x={4} y={ROW.writes.top + ROW.writes.height / 2 + 16} fontSize={9} className={TEXT}>{`max ${maxWrites}`}</text>
        {rowLabel('Reads', ROW.reads.top, ROW.reads.height)}
        {rowLabel('VIP holder', ROW.vip.top, ROW.vip.height)}
        {rowLabel('Writable', ROW.writable.top, ROW.writable.height)}
        {rowLabel('Events', ROW.events.top, ROW.events.height)}
        <line x1={X0} x2={X1} y1={ROW.writes.top + ROW.writes.height} y2={ROW.writes.top + ROW.writes.height} className="stroke-slate-300 dark:stroke-slate-600" />
        <line x1={X0} x2={X1} y1={ROW.reads.top + ROW.reads.height} y2={ROW.reads.top + ROW.reads.height} className="stroke-slate-300 dark:stroke-slate-600" />
        {bars(ROW.writes.top, ROW.writes.height, maxWrites, (c) => c.okWrites, (c) => c.failedWrites)}
        {bars(ROW.reads.top, ROW.reads.height, maxReads, (c) => c.okReads, (c) => c.failedReads)}
        <Band bands={bandsOf(timeline.segments, 'holders')} top={ROW.vip.top} height={ROW.vip.height} x={x} fillOf={fillOf} what="VIP held by" />
        <Band bands={bandsOf(timeline.segments, 'writable')} top={ROW.writable.top} height={ROW.writable.height} x={x} fillOf={fillOf} what="Writable" />
        {timeline.events.map((e, i) => (
          <g key={`${e.t}-${i}`}>
            <rect x={x(e.t) - 1.5} y={ROW.events.top} width={3} height={ROW.events.height} className={eventFill(e)} />
            <rect x={x(e.t) - 5} y={ROW.events.top - 2} width={10} height={ROW.events.height + 4} fill="transparent">
              <title>{`${formatSince(e.t)} ${e.kind}${e.node ? ` on ${e.node}` : ''}: ${e.message}`}</title>
            </rect>
          </g>
        ))}
        {marks.map((m, i) => {
          const mx = x(m.t);
          const isNearEnd = mx > X1 - 90;
          const row = markRows[i] ?? -1;
          return (
            <g key={`${m.label}-${m.t}`}>
              <line x1={mx} x2={mx} y1={ROW.writes.top - 4} y2={AXIS_Y} strokeDasharray="3 3" className="stroke-slate-500">
                <title>{`${m.label} at ${formatSince(m.t)}`}</title>
              </line>
              {row >= 0 && (
                <text x={isNearEnd ? mx - 3 : mx + 3} y={10 + row * 11} fontSize={10} textAnchor={isNearEnd ? 'end' : 'start'} className={TEXT}>
                  {m.label}
                </text>
              )}
            </g>
          );
        })}
        <line x1={X0} x2={X1} y1={AXIS_Y} y2={AXIS_Y} className="stroke-slate-400" />
        {ticksOf(domain, 8).map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={AXIS_Y} y2={AXIS_Y + 4} className="stroke-slate-400" />
            <text x={x(t)} y={AXIS_Y + 15} fontSize={10} textAnchor="middle" className={TEXT}>{formatTick(t)}</text>
          </g>
        ))}
      </svg>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300">
        <span>Time from the injection; {timeline.bucketMs} ms per bar{columns.length < timeline.buckets.length ? ` (summed to ${Math.round(((columns[0]?.to ?? 0) - (columns[0]?.from ?? 0)))} ms)` : ''}.</span>
        <span className="flex items-center gap-1"><span className="inline-block h-3 w-3 rounded-sm bg-emerald-500" />ok</span>
        <span className="flex items-center gap-1"><span className="inline-block h-3 w-3 rounded-sm bg-red-500" />failed</span>
        {nodes.map((n, i) => <span key={n} className="flex items-center gap-1"><span className={`inline-block h-3 w-3 rounded-sm ${NODE_SWATCH[i % NODE_SWATCH.length] ?? ''}`} />{n}</span>)}
        <span className="flex items-center gap-1"><span className="inline-block h-3 w-3 rounded-sm bg-red-600" />two nodes at once</span>
        <span className="flex items-center gap-1"><span className="inline-block h-3 w-3 rounded-sm bg-slate-200 dark:bg-slate-700" />nobody</span>
      </figcaption>
      {marks.length > 0 && (
        <ol aria-label="Drill marks" className="flex flex-wrap gap-x-4 text-xs">
          {marks.map((m) => <li key={`${m.label}-${m.t}`}><span className="font-mono">{formatSince(m.t)}</span> {m.label}</li>)}
        </ol>
      )}
      <DrillEvents events={timeline.events} />
    </figure>
  );
};

const DrillEvents = ({ events }: { events: TDrillTimelinePush['events'] }) =>
  events.length === 0 ? (
    <p className="text-sm text-slate-600 dark:text-slate-300">The monitor recorded no event during the drill.</p>
  ) : (
    <table className="w-full text-left text-sm">
      <caption className="text-left font-medium">Monitor events during the drill</caption>
      <thead className="text-xs text-slate-600 dark:text-slate-400">
        <tr><th scope="col">Time</th><th scope="col">Node</th><th scope="col">Event</th><th scope="col">Message</th></tr>
      </thead>
      <tbody>
        {events.map((e, i) => (
          <tr key={`${e.t}-${i}`} className="border-t border-slate-100 align-top dark:border-slate-800">
            <td className="whitespace-nowrap py-1 pr-2 font-mono text-xs">{formatSince(e.t)}</td>
            <td className="pr-2">{e.node ?? '—'}</td>
            <td className="pr-2">{e.kind}{e.severity ? ` (${e.severity})` : ''}</td>
            <td className="break-words">{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
