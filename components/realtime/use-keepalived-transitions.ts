'use client';
import { useState } from 'react';
import type { TClusterEvent } from '@/lib/collector/snapshot';
import { ZEventListSchema, ZEventPushSchema } from '@/lib/realtime/payloads';
import { useOnJoined, useSocketEvent } from '@/components/realtime/use-socket-event';

const KIND = 'keepalived-transition';
const keyOf = (e: TClusterEvent) => `${e.at}|${e.node ?? ''}|${e.message}`;

const merge = (a: TClusterEvent[], b: TClusterEvent[]): TClusterEvent[] => {
  const seen = new Set(a.map(keyOf));
  return [...a, ...b.filter((e) => !seen.has(keyOf(e)))].sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
};

// keepalived state transitions: the server-rendered hour, then each one
// pushed as `cluster:event`; after a reconnect the missed ones are fetched once.
export const useKeepalivedTransitions = (cluster: string, initial: TClusterEvent[]): TClusterEvent[] => {
  const [events, setEvents] = useState(initial);
  useSocketEvent<unknown>('cluster:event', (payload) => {
    const e = ZEventPushSchema.safeParse(payload);
    if (!e.success || e.data.cluster !== cluster || e.data.kind !== KIND) return;
    const { cluster: _, ...event } = e.data;
    setEvents((list) => merge(list, [event]));
  });
  useOnJoined(cluster, () => {
    const since = events.at(-1)?.at ?? new Date(Date.now() - 3_600_000).toISOString();
    void fetch(`/api/clusters/${encodeURIComponent(cluster)}/events?kind=${KIND}&since=${encodeURIComponent(since)}`)
      .then(async (res) => (res.ok ? ZEventListSchema.safeParse(await res.json()) : null))
      .then((body) => body?.success && setEvents((list) => merge(list, body.data.events)))
      .catch(() => undefined);
  });
  return events;
};
