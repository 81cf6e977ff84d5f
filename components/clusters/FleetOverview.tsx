'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { TPublicCluster } from '@/lib/clusters/public-cluster';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { ageOf, isStale } from '@/lib/cluster-state/freshness';
import { statusOf, type TOverallStatus } from '@/lib/cluster-state/overall-status';
import { isSplitBrain } from '@/lib/cluster-state/split-brain';
import { replicationLinks } from '@/components/cluster-view/topology-layout';
import { useClusterState } from '@/components/realtime/use-cluster-state';
import { useMounted } from '@/components/realtime/use-mounted';
import { useNow } from '@/components/realtime/use-now';
import { inputClass } from '@/components/ui/styles';

const BADGE: Record<TOverallStatus, string> = {
  healthy: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100',
  degraded: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  critical: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100',
  unknown: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
};

// `now` is null until the page is mounted (ages depend on the browser's clock),
// and ticks once for all cards.
const ClusterCard = ({ cluster, initial, filter, now }: { cluster: TPublicCluster; initial: TClusterSnapshot | null; filter: { text: string; status: string }; now: number | null }) => {
  const state = useClusterState(cluster.name, initial);
  const status = statusOf(state);
  if (filter.text && !cluster.name.includes(filter.text.toLowerCase())) return null;
  if (filter.status && filter.status !== status) return null;
  const counts = { critical: 0, warning: 0, info: 0 };
  for (const f of state?.findings ?? []) counts[f.severity] += 1;
  const titleId = `card-${cluster.name}`;
  const links = state ? replicationLinks(state).links : [];
  const split = isSplitBrain(state);
  const ageMs = state && now !== null ? ageOf(state.observedAt, now) : 0;
  const stale = isStale(ageMs);
  return (
    <article aria-labelledby={titleId} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
      <div className="flex items-center justify-between">
        <h2 id={titleId} className="text-lg font-semibold"><Link href={`/clusters/${cluster.name}`} className="hover:underline">{cluster.name}</Link></h2>
        <span className={`rounded px-2 py-0.5 text-xs font-semibold uppercase ${BADGE[status]}`}>{status}</span>
      </div>
      <p className="text-sm">
        VIP <span className="font-mono">{cluster.vip}</span> held by <strong>{state ? state.vip.holders.join(' and ') || 'nobody' : '—'}</strong>
        {split && <strong className="ml-2 rounded bg-red-600 px-1.5 py-0.5 text-xs text-white">split brain</strong>}
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-300">{cluster.nodes.map((n) => `${n.name} (${n.host})`).join(', ')}</p>
      {state && (
        <p className="text-sm">
          Lag: {links.map((l) => `${l.from} → ${l.to} ${l.lagSeconds === null ? (l.health === 'running' ? '—' : l.health) : `${l.lagSeconds} s`}`).join(', ') || '—'}
        </p>
      )}
      <p className="text-sm">Findings: {counts.critical} critical, {counts.warning} warning{counts.warning === 1 ? '' : 's'}, {counts.info} info</p>
      <p className={`text-xs ${stale ? 'font-semibold text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`}>
        {!state ? 'not observed yet' : now !== null ? `observed ${Math.max(0, Math.round(ageMs / 1000))} s ago${stale ? ' (stale)' : ''}` : 'observed'}
      </p>
      {cluster.description && <p className="text-xs text-slate-600 dark:text-slate-400">{cluster.description}</p>}
    </article>
  );
};

export const FleetOverview = ({ clusters, states }: { clusters: TPublicCluster[]; states: Record<string, TClusterSnapshot | null> }) => {
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const tick = useNow();
  const now = useMounted() ? tick : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-3">
        <label className="text-sm">Filter by name<input className={inputClass} value={text} onChange={(e) => setText(e.target.value)} /></label>
        <label className="text-sm">Status
          <select className={inputClass} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">any</option><option value="healthy">healthy</option><option value="degraded">degraded</option><option value="critical">critical</option><option value="unknown">unknown</option>
          </select>
        </label>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        {clusters.map((c) => <ClusterCard key={c.name} cluster={c} initial={states[c.name] ?? null} filter={{ text, status }} now={now} />)}
      </div>
    </div>
  );
};
