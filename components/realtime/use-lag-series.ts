'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TLagSeries } from '@/lib/collector/read-lag';
import type { TLagPoint } from '@/lib/collector/snapshot';
import { ZLagHistorySchema, ZLagPushSchema, type TLagHistory } from '@/lib/realtime/payloads';
import { useOnReconnect, useSocketEvent } from '@/components/realtime/use-socket-event';
type TLoad = { loading: boolean; error: string | null };

const trim = (series: TLagSeries, fromMs: number): TLagSeries =>
  series.map((s) => ({ node: s.node, points: s.points.filter((p) => Date.parse(p.at) >= fromMs) }));

const append = (series: TLagSeries, point: TLagPoint): TLagSeries => {
  const entry = { at: point.at, secondsBehind: point.secondsBehind, heartbeatLagSeconds: point.heartbeatLagSeconds };
  if (!series.some((s) => s.node === point.node)) return [...series, { node: point.node, points: [entry] }];
  return series.map((s) => (s.node === point.node ? { node: s.node, points: [...s.points, entry] } : s));
};

// Lag history for the chart: the server-rendered 15 minutes, then every
// `cluster:lag` sample pushed; a wider range, and the gap after a reconnect,
// are fetched once from the lag API (never polled).
export const useLagSeries = (cluster: string, initial: TLagHistory, rangeMinutes: number) => {
  const [series, setSeries] = useState(initial.series);
  const [load, setLoad] = useState<TLoad>({ loading: false, error: null });
  const rangeRef = useRef(rangeMinutes);
  rangeRef.current = rangeMinutes;

  const fetchRange = useCallback(async () => {
    const minutes = rangeRef.current;
    setLoad({ loading: true, error: null });
    try {
      const from = new Date(Date.now() - minutes * 60_000).toISOString();
      const res = await fetch(`/api/clusters/${encodeURIComponent(cluster)}/lag?from=${encodeURIComponent(from)}`, { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`the lag history could not be loaded (HTTP ${res.status})`);
      const body = ZLagHistorySchema.safeParse(await res.json());
      if (!body.success) throw new Error('the lag history came back malformed');
      if (rangeRef.current === minutes) setSeries(body.data.series);
      setLoad({ loading: false, error: null });
    } catch (e) {
      setLoad({ loading: false, error: e instanceof Error ? e.message : String(e) });
    }
  }, [cluster]);

  const isFirst = useRef(true);
  useEffect(() => {
    if (isFirst.current && rangeMinutes === 15) {
      isFirst.current = false;
      return;
    }
    isFirst.current = false;
    void fetchRange();
  }, [rangeMinutes, fetchRange]);

  useOnReconnect(() => void fetchRange());
  useSocketEvent<unknown>('cluster:lag', (payload) => {
    const p = ZLagPushSchema.safeParse(payload);
    if (!p.success || p.data.cluster !== cluster) return;
    const point = p.data;
    setSeries((s) => trim(append(s, point), Date.now() - rangeRef.current * 60_000));
  });
  return { series, ...load };
};
