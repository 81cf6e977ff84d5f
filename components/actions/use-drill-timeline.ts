'use client';
import { useEffect, useState } from 'react';
import { ZRunReportSchema, type TDrillTimelinePush } from '@/lib/realtime/payloads';
import { requestApi } from '@/components/ui/call-api';

export type TTimelineState = { kind: 'waiting' } | { kind: 'loading' } | { kind: 'ready'; timeline: TDrillTimelinePush | null } | { kind: 'error'; message: string };

// A drill's timeline, from GET /api/actions/:id/report. The engine stores
// the evidence as the run ends, so it is fetched once the run has ended
// (again if the page saw it end).
export const useDrillTimeline = (id: string, hasEnded: boolean): TTimelineState => {
  const [state, setState] = useState<TTimelineState>(hasEnded ? { kind: 'loading' } : { kind: 'waiting' });
  useEffect(() => {
    if (!hasEnded) return;
    let isLive = true;
    setState({ kind: 'loading' });
    void requestApi('GET', `/api/actions/${encodeURIComponent(id)}/report`).then((r) => {
      if (!isLive) return;
      if (!r.isOk) return setState({ kind: 'error', message: r.message });
      const parsed = ZRunReportSchema.safeParse(r.body);
      setState(parsed.success ? { kind: 'ready', timeline: parsed.data.evidence?.timeline ?? null } : { kind: 'error', message: 'The server sent a report this page cannot read.' });
    });
    return () => {
      isLive = false;
    };
  }, [id, hasEnded]);
  return state;
};
