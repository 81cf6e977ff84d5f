'use client';
import { useMounted } from '@/components/realtime/use-mounted';
import { useNow } from '@/components/realtime/use-now';
import { LocalTime } from '@/components/ui/LocalTime';
import { useKeepalivedTransitions } from '@/components/realtime/use-keepalived-transitions';
import type { TClusterEvent, TSnapshotNode } from '@/lib/collector/snapshot';
import { TIMELINE_MINUTES, timelineSegments } from './timeline-segments';

const STATE_CLASS: Record<string, string> = {
  MASTER: 'bg-indigo-600',
  BACKUP: 'bg-slate-400 dark:bg-slate-500',
  FAULT: 'bg-red-600',
};
const stateClass = (s: string) => STATE_CLASS[s] ?? 'bg-slate-200 dark:bg-slate-700';
const time = (ms: number) => new Date(ms).toLocaleTimeString();

export const KeepalivedTimeline = ({ cluster, nodes, initial }: { cluster: string; nodes: TSnapshotNode[]; initial: TClusterEvent[] }) => {
  const events = useKeepalivedTransitions(cluster, initial);
  const now = useNow(5000);
  const mounted = useMounted();
  const startMs = now - TIMELINE_MINUTES * 60_000;
  const span = now - startMs;
  const recent = events.filter((e) => Date.parse(e.at) >= startMs).slice(-20).reverse();
  return (
    <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
      <h2 id="timeline-title" className="mb-2 text-base font-semibold">keepalived timeline <span className="text-sm font-normal text-slate-600 dark:text-slate-400">(last {TIMELINE_MINUTES} min)</span></h2>
      <div className="space-y-2" aria-hidden>
        {nodes.map((n) => {
          const segments = mounted ? timelineSegments({ node: n.name, events, current: n.keepalived.state, startMs, endMs: now }) : [];
          const left = (ms: number) => `${((ms - startMs) / span) * 100}%`;
          return (
            <div key={n.name} className="flex items-center gap-3">
              <span className="w-16 shrink-0 text-sm font-medium">{n.name}</span>
              <div className="relative h-5 flex-1 overflow-hidden rounded bg-slate-100 dark:bg-slate-800">
                {segments.map((s) => (
                  <span key={s.fromMs} title={`${s.state} ${time(s.fromMs)}–${time(s.toMs)}`} className={`absolute inset-y-0 ${stateClass(s.state)}`}
                    style={{ left: left(s.fromMs), width: `${Math.max(0.3, ((s.toMs - s.fromMs) / span) * 100)}%` }} />
                ))}
                {/* A transition is seconds wide in an hour: mark each one so it is seen. */}
                {segments.slice(1).map((s) => <span key={`t${s.fromMs}`} className="absolute inset-y-0 w-0.5 bg-amber-400" style={{ left: left(s.fromMs) }} />)}
              </div>
              <span className="w-16 shrink-0 text-xs font-mono">{n.keepalived.state ?? '—'}</span>
            </div>
          );
        })}
        <div className="flex gap-4 pl-[4.75rem] text-xs text-slate-600 dark:text-slate-400">
          {['MASTER', 'BACKUP', 'FAULT'].map((s) => <span key={s} className="flex items-center gap-1"><span className={`inline-block h-3 w-3 rounded-sm ${stateClass(s)}`} />{s}</span>)}
          <span className="flex items-center gap-1"><span className="inline-block h-3 w-3 rounded-sm bg-slate-200 dark:bg-slate-700" />unknown / stopped</span>
        </div>
      </div>
      <h3 className="mt-3 text-sm font-semibold">Transitions</h3>
      {recent.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">No keepalived state change in the last {TIMELINE_MINUTES} minutes. Current: {nodes.map((n) => `${n.name} ${n.keepalived.state ?? 'unknown'}`).join(', ')}.</p>
      ) : (
        <ol aria-label="keepalived transitions" className="mt-1 space-y-0.5 text-sm">
          {recent.map((e) => (
            <li key={`${e.at}-${e.node}-${e.message}`}><LocalTime iso={e.at} className="font-mono text-xs text-slate-600 dark:text-slate-400" /> {e.message.replace(/^keepalived on /, '')}</li>
          ))}
        </ol>
      )}
    </section>
  );
};
