'use client';
import { useRealtime } from '@/components/realtime/use-realtime';

const LABEL = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;
const DOT = { connecting: 'bg-amber-400', live: 'bg-emerald-500', reconnecting: 'bg-red-500' } as const;

export const LiveIndicator = () => {
  const { connection, serverVersion } = useRealtime();
  return (
    <span role="status" aria-label="Realtime connection" className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-300" title={serverVersion ? `Tandem ${serverVersion}` : undefined}>
      <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${DOT[connection]}`} />
      {LABEL[connection]}
    </span>
  );
};
