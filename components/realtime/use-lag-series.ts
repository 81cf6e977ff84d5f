'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TLagSeries } from '@/lib/collector/read-lag';
import type { TLagPoint } from '@/lib/collector/snapshot';
import { ZLagHistorySchema, ZLagPushSchema, type TLagHistory } from '@/lib/realtime/payloads';
import { serverNow } from '@/components/realtime/socket';
import { useOnJoined, useSocketEvent } from '@/components/realtime/use-socket-event';

type TLoad = { loading: boolean; error: string | null };

// Both lists merged by time, one point per node and instant: a history fetch
// never drops a sample pushed while it was in flight.
const merge = (a: TLagSeries, b: TLagSeries, fromMs: number): TLagSeries => {
  const nodes = [...new Set([...a, ...b].map((s) => s.node))];
  return nodes.map((node) => {
    const byTime = new Map<string, TLagSeries[number]['points'][number]>();
    for (const s of [...a, ...b]) if (s.node === node) for (const p of s.points) byTime.set(p.at, p);
    const points = [...byTime.values()].filter((p) => Date.parse(p.at) >= fromMs).sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
    return { node, points };
  });
};

const asSeries = ({ node, ...point }: TLagPoint): TLagSeries => [{ node, points: [point] }];

// Lag history for the chart: the server-rendered 15 minutes, then every
// `cluster:lag` sample pushed; a wider range, and the gap after a reconnect,
// are fetched once from the lag API (never polled).
export const useLagSeries = (cluster: string, initial: TLagHistory, rangeMinutes: number) => {
  const [series, setSeries] = useState(initial.series);
  const [load, setLoad] = useState<TLoad>({ loading: false, error: null });
  const rangeRef = useRef(rangeMinutes);
  rangeRef.current = rangeMinutes;
  const windowStart = () => serverNow() - rangeRef.current * 60_000;

  // `announce`: a range the reader asked for says "Loading…"; a catch-up
  // after (re)subscribing merges in quietly.
  const fetchRange = useCallback(async (announce: boolean) => {
    const minutes = rangeRef.current;
    if (announce) setLoad({ loading: true, error: null });
    try {
      const from = new Date(serverNow() - minutes * 60_000).toISOString();
      const res = await fetch(`/api/clusters/${encodeURIComponent(cluster)}/lag?from=${encodeURIComponent(from)}`, { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`the lag history could not be loaded (HTTP ${res.status})`);
      const body = ZLagHistorySchema.safeParse(await res.json());
      if (!body.success) throw new Error('the lag history came back malformed');
      if (rangeRef.current === minutes) setSeries((s) => merge(s, body.data.series, serverNow() - minutes * 60_000));
      setLoad({ loading: false, error: null });
    } catch (e) {
      setLoad({ loading: false, error: e instanceof Error ? e.message : String(e) });
    }
  }, [cluster]);

  // The server rendered 15 minutes; any other range is fetched when chosen.
  const shownRange = useRef(15);
  useEffect(() => {
    if (shownRange.current === rangeMinutes) return;
    shownRange.current = rangeMinutes;
    void fetchRange(true);
  }, [rangeMinutes, fetchRange]);

  useOnJoined(cluster, () => void fetchRange(false));
  useSocketEvent<unknown>('cluster:lag', (payload) => {
    const p = ZLagPushSchema.safeParse(payload);
    if (!p.success || p.data.cluster !== cluster) return;
    const { cluster: _, ...point } = p.data;
    const pushed = asSeries(point);
    setSeries((s) => merge(s, pushed, windowStart()));
  });
  return { series, ...load };
};
