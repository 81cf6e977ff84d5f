import { describe, expect, it } from 'vitest';
import type { TClusterEvent } from '@/lib/collector/snapshot';
import { timelineSegments } from './timeline-segments';

const t0 = Date.UTC(2026, 11, 1, 6, 0, 0);
const move = (node: string, sec: number, from: string, to: string): TClusterEvent => ({
  at: new Date(t0 + sec * 1000).toISOString(), kind: 'keepalived-transition', node, severity: 'info', message: `keepalived on ${node}: ${from} → ${to}`, data: { from, to },
});

describe('keepalived timeline', () => {
  it('splits the window at each of the node\'s transitions, starting from the first one\'s previous state', () => {
    const events = [move('node1', 100, 'MASTER', 'FAULT'), move('node2', 101, 'BACKUP', 'MASTER'), move('node1', 200, 'FAULT', 'BACKUP'), move('node1', 204, 'BACKUP', 'MASTER')];
    expect(timelineSegments({ node: 'node1', events, current: 'MASTER', startMs: t0, endMs: t0 + 300_000 })).toEqual([
      { state: 'MASTER', fromMs: t0, toMs: t0 + 100_000 },
      { state: 'FAULT', fromMs: t0 + 100_000, toMs: t0 + 200_000 },
      { state: 'BACKUP', fromMs: t0 + 200_000, toMs: t0 + 204_000 },
      { state: 'MASTER', fromMs: t0 + 204_000, toMs: t0 + 300_000 },
    ]);
  });

  it('paints the time before a transition from an unknown state as unknown, not as the current state', () => {
    const first: TClusterEvent = { ...move('node1', 30, 'x', 'BACKUP'), data: { from: null, to: 'BACKUP' } };
    expect(timelineSegments({ node: 'node1', events: [first], current: 'BACKUP', startMs: t0, endMs: t0 + 60_000 }).map((s) => s.state)).toEqual(['unknown', 'BACKUP']);
  });

  it('without transitions in the window, the current state covers it; older transitions are ignored', () => {
    const events = [move('node2', -50, 'MASTER', 'BACKUP')];
    expect(timelineSegments({ node: 'node2', events, current: 'BACKUP', startMs: t0, endMs: t0 + 60_000 })).toEqual([{ state: 'BACKUP', fromMs: t0, toMs: t0 + 60_000 }]);
    expect(timelineSegments({ node: 'node3', events: [], current: null, startMs: t0, endMs: t0 + 1 })).toEqual([{ state: 'unknown', fromMs: t0, toMs: t0 + 1 }]);
  });
});
