'use client';
import { useState } from 'react';
import type { TLogLine } from '@/lib/collector/log-tail';
import { ZLogPushSchema } from '@/lib/realtime/payloads';
import { useSocketEvent } from '@/components/realtime/use-socket-event';

const SHOWN = 100;

// The live keepalived log: each (re)subscription sends the whole recent tail
// (`cluster:log-tail`, replacing what the page had), then lines as they come.
export const useLogTail = (cluster: string, initial: TLogLine[]): TLogLine[] => {
  const [lines, setLines] = useState(initial.slice(-SHOWN));
  useSocketEvent<unknown>('cluster:log-tail', (payload) => {
    const p = ZLogPushSchema.safeParse(payload);
    if (p.success && p.data.cluster === cluster) setLines(p.data.lines.slice(-SHOWN));
  });
  useSocketEvent<unknown>('cluster:log', (payload) => {
    const p = ZLogPushSchema.safeParse(payload);
    if (!p.success || p.data.cluster !== cluster) return;
    const added = p.data.lines;
    setLines((l) => [...l.filter((x) => !added.some((a) => a.seq === x.seq)), ...added].slice(-SHOWN));
  });
  return lines;
};
