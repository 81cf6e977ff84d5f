'use client';
import { LinkArea } from '@/components/ui/LinkArea';
import { memo, useDeferredValue, useMemo, useState } from 'react';
import type { TFleetSummary } from '@/lib/cluster-state/fleet-summary';
import type { TOverallStatus } from '@/lib/cluster-state/overall-status';
import { useFleetSummaries } from '@/components/realtime/use-fleet-summaries';
import { useNow } from '@/components/realtime/use-now';
import { inputClass } from '@/components/ui/styles';
import { countByStatus, fleetMatcher, observedLabel, sortClusters, type TFleetSort, type TOverviewCluster } from './fleet-view';

const lagText = (summary: TFleetSummary): string =>
  summary.links.map((l) => `${l.from} → ${l.to} ${l.lagSeconds === null ? (l.health === 'running' ? '—' : l.health) : `${l.lagSeconds} s`}`).join(', ') || '—';

const BADGE: Record<TOverallStatus, string> = {
  healthy: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100',
  degraded: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  critical: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100',
  unknown: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
};

// A card redraws only when its own summary or its age label changes. Cards
// out of view are not laid out until scrolled to (content-visibility), so
// 500 of them render as fast as a screenful. Hydrating 500 cards is most of
// the page's first second on a busy machine: a card is as few elements and
// text nodes as it can be (a line is one string, not pieces; the title a
// plain anchor routed by the grid's LinkArea, not a next/link apiece).
const ClusterCard = memo(function ClusterCard({ cluster, summary, observedText, stale }: { cluster: TOverviewCluster; summary: TFleetSummary | undefined; observedText: string; stale: boolean }) {
  const status = summary?.status ?? 'unknown';
  const titleId = `card-${cluster.name}`;
  const f = summary?.findings ?? { critical: 0, warning: 0, info: 0 };
  const observedYet = Boolean(summary?.observedAt);
  const holders = observedYet && summary ? summary.holders.join(' and ') || 'nobody' : '—';
  return (
    <article aria-labelledby={titleId} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 [contain-intrinsic-size:auto_190px] [content-visibility:auto] dark:border-slate-700 dark:bg-slate-900">
      <div className="flex items-center justify-between">
        <h2 id={titleId} className="text-lg font-semibold"><a href={`/clusters/${cluster.name}`} className="hover:underline">{cluster.name}</a></h2>
        <span className={`rounded px-2 py-0.5 text-xs font-semibold uppercase ${BADGE[status]}`}>{status}</span>
      </div>
      <p className="text-sm">
        VIP <span className="font-mono">{cluster.vip}</span> held by <strong>{holders}</strong>
        {summary?.splitBrain && <strong className="ml-2 rounded bg-red-600 px-1.5 py-0.5 text-xs text-white">split brain</strong>}
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-300">{cluster.nodes.map((n) => `${n.name} (${n.host})`).join(', ')}</p>
      {observedYet && summary && <p className="text-sm">{`Lag: ${lagText(summary)}`}</p>}
      <p className="text-sm">{`Findings: ${f.critical} critical, ${f.warning} warning${f.warning === 1 ? '' : 's'}, ${f.info} info`}</p>
      <p className={`text-xs ${stale ? 'font-semibold text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`}>{observedText}</p>
      {cluster.description && <p className="text-xs text-slate-600 dark:text-slate-400">{cluster.description}</p>}
    </article>
  );
});

const STATUSES: TOverallStatus[] = ['critical', 'degraded', 'unknown', 'healthy'];
const SORTS: TFleetSort[] = ['status', 'name', 'lag'];
const statusFilterOf = (v: string): '' | TOverallStatus => STATUSES.find((s) => s === v) ?? '';
const sortOf = (v: string): TFleetSort => SORTS.find((s) => s === v) ?? 'status';

// renderedAt: the server's clock when it rendered the page. The age labels
// are first drawn against it, the same on the server and in hydration;
// against no time at all, every card's label changed once mounted and all 500
// drew again right after hydrating.
export const FleetOverview = ({ clusters, summaries: initial, renderedAt }: { clusters: TOverviewCluster[]; summaries: TFleetSummary[]; renderedAt: number }) => {
  const [text, setText] = useState('');
  const [status, setStatus] = useState<'' | TOverallStatus>('');
  const [sort, setSort] = useState<TFleetSort>('status');
  const summaries = useFleetSummaries(initial);
  // Typing stays responsive: the list follows the input at React's pace.
  const deferredText = useDeferredValue(text);
  const now = useNow(1000, renderedAt);
  const sorted = useMemo(() => sortClusters(clusters, summaries, sort), [clusters, summaries, sort]);
  const matches = useMemo(() => fleetMatcher(summaries, { text: deferredText, status }), [summaries, deferredText, status]);
  const shownCount = useMemo(() => clusters.filter(matches).length, [clusters, matches]);
  const counts = useMemo(() => countByStatus(clusters, summaries), [clusters, summaries]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">Filter by name<input className={inputClass} value={text} onChange={(e) => setText(e.target.value)} /></label>
        <label className="text-sm">Status
          <select className={inputClass} value={status} onChange={(e) => setStatus(statusFilterOf(e.target.value))}>
            <option value="">any</option>
            {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label className="text-sm">Sort by
          <select className={inputClass} value={sort} onChange={(e) => setSort(sortOf(e.target.value))}>
            <option value="status">status (worst first)</option><option value="name">name</option><option value="lag">lag (largest first)</option>
          </select>
        </label>
      </div>
      <p role="status" aria-label="Fleet summary" className="text-sm text-slate-700 dark:text-slate-300">
        {clusters.length} cluster{clusters.length === 1 ? '' : 's'}: {STATUSES.map((s) => `${counts[s]} ${s}`).join(', ')}
        {shownCount !== clusters.length && ` · showing ${shownCount}`}
      </p>
      <LinkArea className="grid gap-4 md:grid-cols-2">
        {/* Filtered-out cards stay mounted, hidden: clearing a filter on 500
            clusters then shows them instead of building them again. */}
        {sorted.map((c) => {
          const summary = summaries.get(c.name);
          const observed = observedLabel(summary?.observedAt ?? null, now);
          return (
            <div key={c.name} hidden={!matches(c)}>
              <ClusterCard cluster={c} summary={summary} observedText={observed.text} stale={observed.stale} />
            </div>
          );
        })}
      </LinkArea>
    </div>
  );
};
