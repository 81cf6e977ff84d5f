import type { TClusterEvent } from '@/lib/collector/snapshot';

// keepalived state per node over a time window, as segments for the timeline:
// the state before the first transition in the window is that transition's
// "from"; after the last, the node's current state.
// The window the timeline shows (and the page loads transitions for).
export const TIMELINE_MINUTES = 60;

export type TSegment = { state: string; fromMs: number; toMs: number };

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export const timelineSegments = (options: { node: string; events: TClusterEvent[]; current: string | null; startMs: number; endMs: number }): TSegment[] => {
  const { node, startMs, endMs } = options;
  const transitions = options.events
    .filter((e) => e.kind === 'keepalived-transition' && e.node === node)
    .map((e) => ({ atMs: Date.parse(e.at), from: text(e.data?.from), to: text(e.data?.to) }))
    .filter((t) => t.atMs >= startMs && t.atMs <= endMs)
    .sort((a, b) => a.atMs - b.atMs);
  const segments: TSegment[] = [];
  // Before the first transition: what it left (unknown when the collector had
  // not seen a state yet); without any, the current state covers the window.
  const first = transitions[0];
  let state = first ? (first.from ?? 'unknown') : (options.current ?? 'unknown');
  let from = startMs;
  for (const t of transitions) {
    if (t.atMs > from) segments.push({ state, fromMs: from, toMs: t.atMs });
    state = t.to ?? 'unknown';
    from = t.atMs;
  }
  segments.push({ state: options.current ?? state, fromMs: from, toMs: endMs });
  return segments;
};
