'use client';
import { useMounted } from '@/components/realtime/use-mounted';
import { useNow } from '@/components/realtime/use-now';
import { useRealtime } from '@/components/realtime/use-realtime';
import { ageOf, freshnessOf, type TFreshness } from '@/lib/cluster-state/freshness';

const formatAge = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
};

const STYLE: Record<TFreshness, string> = {
  live: 'border-emerald-600 text-emerald-800 dark:text-emerald-200',
  connecting: 'border-amber-500 text-amber-800 dark:text-amber-200',
  reconnecting: 'border-red-600 text-red-800 dark:text-red-200',
  stale: 'border-red-600 text-red-800 dark:text-red-200',
};
const DOT: Record<TFreshness, string> = { live: 'bg-emerald-500', connecting: 'bg-amber-400', reconnecting: 'bg-red-500', stale: 'bg-red-500' };
const WORD: Record<TFreshness, string> = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', stale: 'Stale' };

export const Freshness = ({ observedAt }: { observedAt: string | null }) => {
  const { connection } = useRealtime();
  const now = useNow();
  const mounted = useMounted();
  const ageMs = observedAt ? ageOf(observedAt, now) : null;
  // The server renders "Connecting…": its clock and the browser's may differ.
  const f: TFreshness = mounted ? freshnessOf(connection, ageMs) : 'connecting';
  const age = ageMs === null ? 'no data yet' : mounted ? `data ${formatAge(ageMs)} old` : 'data age…';
  return (
    <p role="status" aria-label="Data freshness" data-state={f} className={`inline-flex items-center gap-2 rounded-full border px-3 py-0.5 text-sm font-medium ${STYLE[f]}`}>
      <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${DOT[f]}`} />
      {WORD[f]} · {age}
    </p>
  );
};
