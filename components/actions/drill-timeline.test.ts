import { describe, expect, it } from 'vitest';
import type { TDrillTimelinePush } from '@/lib/realtime/payloads';
import { bandsOf, columnsOf, describeTimeline, domainOf, formatTick, labelRowsOf, nodesOf, scaleOf, ticksOf } from './drill-timeline';

// A stop-mysqld drill as the engine stores it: the probe from −2 s, node1
// stopped at 0, node2 holding the VIP from +1.2 s and writable from +1.3 s.
const timeline = (over: Partial<TDrillTimelinePush> = {}): TDrillTimelinePush => ({
  bucketMs: 100,
  start: -2000,
  buckets: [
    ...Array.from({ length: 20 }, (): [number, number, number, number] => [2, 0, 1, 0]),
    ...Array.from({ length: 13 }, (): [number, number, number, number] => [0, 2, 0, 1]),
    ...Array.from({ length: 7 }, (): [number, number, number, number] => [2, 0, 1, 0]),
  ],
  segments: [
    { from: -2000, to: -50, holders: ['node1'], writable: ['node1'] },
    { from: -50, to: 1200, holders: ['node1'], writable: [] },
    { from: 1200, to: 1300, holders: ['node2'], writable: [] },
    { from: 1300, to: 2000, holders: ['node2'], writable: ['node2'] },
  ],
  events: [{ t: 400, kind: 'keepalived-transition', node: 'node2', severity: null, message: 'keepalived on node2: BACKUP → MASTER' }],
  marks: [{ t: -2000, label: 'probe started' }, { t: 0, label: 'failure injected' }, { t: 1500, label: 'restore started' }, { t: 1550, label: 'restored' }],
  ...over,
});

describe('drill timeline geometry', () => {
  it('keeps one column per bucket when they fit, and sums them when they do not', () => {
    const t = timeline();
    expect(columnsOf(t, 100)).toHaveLength(40);
    expect(columnsOf(t, 100)[20]).toEqual({ from: 0, to: 100, okWrites: 0, failedWrites: 2, okReads: 0, failedReads: 1 });
    const summed = columnsOf(t, 15);
    expect(summed).toHaveLength(14);
    expect(summed[0]).toEqual({ from: -2000, to: -1700, okWrites: 6, failedWrites: 0, okReads: 3, failedReads: 0 });
    expect(summed.at(-1)).toEqual({ from: 1900, to: 2000, okWrites: 2, failedWrites: 0, okReads: 1, failedReads: 0 });
    const total = (cs: ReturnType<typeof columnsOf>) => cs.reduce((n, c) => n + c.okWrites + c.failedWrites, 0);
    expect(total(summed)).toBe(total(columnsOf(t, 1000)));
  });

  it('spans the buckets, widened to marks and bands past them', () => {
    expect(domainOf(timeline())).toEqual({ from: -2000, to: 2000 });
    expect(domainOf(timeline({ marks: [{ t: 9000, label: 'caught up' }] }))).toEqual({ from: -2000, to: 9000 });
    expect(domainOf(timeline({ buckets: [], segments: [], marks: [] }))).toEqual({ from: -2000, to: -1900 });
    const x = scaleOf({ from: -2000, to: 2000 }, 100, 500);
    expect([x(-2000), x(0), x(2000)]).toEqual([100, 300, 500]);
  });

  it('puts ticks on round steps through the injection', () => {
    expect(ticksOf({ from: -2000, to: 2000 }, 5)).toEqual([-2000, -1000, 0, 1000, 2000]);
    expect(ticksOf({ from: -2000, to: 2000 }, 8)).toHaveLength(9);
    expect(ticksOf({ from: -2500, to: 61_000 }, 8)).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    expect([formatTick(0), formatTick(-2000), formatTick(1500), formatTick(200)]).toEqual(['0', '−2 s', '+1.5 s', '+200 ms']);
  });

  it('bands holders and writers apart, with two nodes at once marked', () => {
    const t = timeline();
    expect(bandsOf(t.segments, 'holders')).toEqual([
      { from: -2000, to: 1200, nodes: ['node1'], tone: 'one' },
      { from: 1200, to: 2000, nodes: ['node2'], tone: 'one' },
    ]);
    expect(bandsOf(t.segments, 'writable').map((b) => b.tone)).toEqual(['one', 'none', 'one']);
    const split = bandsOf([{ from: 0, to: 800, holders: ['node1', 'node2'], writable: ['node1'] }], 'holders');
    expect(split[0]?.tone).toBe('many');
    expect(nodesOf(t.segments)).toEqual(['node1', 'node2']);
  });

  it('staggers the labels of marks that would overlap', () => {
    expect(labelRowsOf([10, 200, 205, 210, 400], 80, 2)).toEqual([0, 0, 1, -1, 0]);
    expect(labelRowsOf([10, 200, 205, 210, 400], 80, 3)).toEqual([0, 0, 1, 2, 0]);
  });

  it('says in words what the chart shows', () => {
    expect(describeTimeline(timeline())).toBe('54 writes acknowledged and 26 failed, 27 reads answered and 13 failed. Writes failed between 0 and +1.3 s from the injection. VIP held by node1 from −2 s, then node2 from +1.2 s.');
  });
});
