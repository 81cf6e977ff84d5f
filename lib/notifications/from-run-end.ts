import { z } from 'zod';
import type { TNotifyEvent } from './schema';

const ZDrillResult = z.object({
  failure: z.string(),
  node: z.string(),
  verdict: z.enum(['passed', 'failed']),
  writeOutageMs: z.number().nullable().optional(),
  writes: z.object({ lost: z.number() }).partial().optional(),
  reasons: z.array(z.string()).optional(),
});

export type TEndedRun = { id: string; kind: string; cluster: string; status: string; error: string | null; result: unknown; endedAt: Date };

// A run's end, and a drill's verdict beside it (a drill that ran to its end
// can still have failed its checks: that is the news).
export const notifyEventsOfRun = (run: TEndedRun): TNotifyEvent[] => {
  const at = run.endedAt.toISOString();
  const base = { cluster: run.cluster, node: null, at, advice: null, code: run.kind, runId: run.id, vip: null };
  const what = `${run.kind} run ${run.id.slice(0, 8)}`;
  const events: TNotifyEvent[] = [];
  if (run.status === 'succeeded') events.push({ ...base, kind: 'action-finished', severity: 'info', message: `${what} finished` });
  else if (run.status === 'interrupted') events.push({ ...base, kind: 'action-interrupted', severity: 'critical', message: `${what} was interrupted${run.error ? `: ${run.error}` : ''}`, advice: 'It does not resume by itself: check the state its record gives, then acknowledge it.' });
  else events.push({ ...base, kind: 'action-failed', severity: 'warning', message: `${what} ${run.status}${run.error ? `: ${run.error}` : ''}` });
  const drill = run.kind === 'drill' ? ZDrillResult.safeParse(run.result) : null;
  if (drill?.success) {
    const d = drill.data;
    const outage = typeof d.writeOutageMs === 'number' ? `, writes stopped ${(d.writeOutageMs / 1000).toFixed(1)} s` : '';
    const lost = typeof d.writes?.lost === 'number' ? `, ${d.writes.lost} acknowledged write${d.writes.lost === 1 ? '' : 's'} lost` : '';
    const reasons = d.verdict === 'failed' && d.reasons && d.reasons.length > 0 ? `: ${d.reasons.join('; ')}` : '';
    events.push({ ...base, node: d.node, kind: 'drill-verdict', severity: d.verdict === 'passed' ? 'info' : 'critical', message: `drill ${d.failure} on ${d.node} ${d.verdict}${outage}${lost}${reasons}` });
  }
  return events;
};
