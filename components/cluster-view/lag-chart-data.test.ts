import { describe, expect, it } from 'vitest';
import { summarizeLag, toChartData } from './lag-chart-data';

const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 6, 0, s)).toISOString();
const x = (s: number) => Date.parse(at(s)) / 1000;

describe('lag chart data', () => {
  it('aligns nodes sampled at different times on one time axis; the other nodes\' times are joined over (undefined)', () => {
    const d = toChartData([
      { node: 'node2', points: [{ at: at(0), secondsBehind: 3, heartbeatLagSeconds: 3.2 }, { at: at(10), secondsBehind: 0, heartbeatLagSeconds: 0.4 }] },
      { node: 'node1', points: [{ at: at(5), secondsBehind: 0, heartbeatLagSeconds: null }] },
    ]);
    expect(d.xs).toEqual([x(0), x(5), x(10)]);
    expect(d.series.map((s) => [s.label, s.ys])).toEqual([
      ['node1 Seconds_Behind_Master', [undefined, 0, undefined]],
      ['node2 Seconds_Behind_Master', [3, undefined, 0]],
      ['node2 heartbeat lag', [3.2, undefined, 0.4]],
    ]);
  });

  it('breaks the line where samples stop (an outage) and where Seconds_Behind_Master is NULL', () => {
    const d = toChartData([
      { node: 'node2', points: [0, 5, 40, 45].map((s) => ({ at: at(s), secondsBehind: s === 45 ? null : 1, heartbeatLagSeconds: null })) },
    ]);
    expect(d.xs).toEqual([x(0), x(5), x(10), x(40), x(45)]);
    expect(d.series[0]?.ys).toEqual([1, 1, null, 1, null]);
  });

  it('says in words what the chart shows, including an unknown lag (replication stopped)', () => {
    expect(summarizeLag([
      { node: 'node2', points: [{ at: at(0), secondsBehind: 7, heartbeatLagSeconds: null }, { at: at(5), secondsBehind: null, heartbeatLagSeconds: null }] },
      { node: 'node1', points: [{ at: at(0), secondsBehind: 0, heartbeatLagSeconds: 0.25 }] },
    ])).toBe('node1: now 0 s (heartbeat 0.3 s), max 0 s; node2: now unknown, max 7 s');
    expect(summarizeLag([])).toBe('no lag samples in this range');
  });
});
