import { describe, expect, it } from 'vitest';
import type { TProbeAttempt } from '@/agents/drill-probe';
import type { TNodeSample } from '@/agents/drill-sampler';
import { buildDrillReport, buildTimeline, countWrites, longestOutage, segmentsOf, type TDrillEvidence } from './report';

const T0 = 1_800_000_000_000;
const INJECTED = T0 + 5000;

const w = (seq: number, at: number, ok: boolean, ms = 5): TProbeAttempt => ({ kind: 'write', seq, t: T0 + at, ms, ok, serverId: ok ? 1 : null, error: ok ? null : 'ECONNREFUSED' });
const r = (seq: number, at: number, ok: boolean, ms = 3): TProbeAttempt => ({ kind: 'read', seq, t: T0 + at, ms, ok, serverId: ok ? 1 : null, error: ok ? null : 'ETIMEDOUT' });
const s = (at: number, node: string, vip: boolean, readOnly: boolean | null): TNodeSample => ({ t: T0 + at, node, vip, readOnly });

// node1 holds the VIP and is writable; mysqld on node1 stops at +4.8 s
// (returns at +5 s); node2 takes the VIP at +7.5 s and opens at +7.6 s.
const samples: TNodeSample[] = [
  s(0, 'node1', true, false),
  s(0, 'node2', false, true),
  s(4900, 'node1', true, null),
  s(7500, 'node2', true, true),
  s(7550, 'node1', false, null),
  s(7600, 'node2', true, false),
  s(20_000, 'node1', false, true),
  s(20_000, 'node2', true, false),
];

const attempts: TProbeAttempt[] = [w(0, 0, true), w(1, 1000, true), w(2, 4850, false), w(3, 6000, false, 1000), w(4, 7700, true, 8), w(5, 9000, true), r(0, 0, true), r(1, 4900, false, 1000), r(2, 7800, true)];

const evidence = (over: Partial<TDrillEvidence> = {}): TDrillEvidence => ({
  runId: '00000000-0000-4000-8000-000000000001',
  failure: 'stop-mysqld',
  node: 'node1',
  nodes: ['node1', 'node2'],
  originalHolder: 'node1',
  probeStartedAt: T0,
  injectStartedAt: T0 + 4800,
  injectedAt: INJECTED,
  restoreStartedAt: T0 + 15_000,
  restoredAt: T0 + 17_000,
  whole: true,
  wholeDetail: 'node2 holds the VIP and alone is writable',
  wholeAt: T0 + 18_000,
  finalHolder: 'node2',
  caughtUpAt: T0 + 21_000,
  caughtUpDetail: null,
  attempts,
  skipped: 0,
  samples,
  events: [
    { t: T0 + 1000, kind: 'finding-cleared', node: null, severity: null, message: 'old' },
    { t: T0 + 6200, kind: 'node-unreachable', node: 'node1', severity: 'critical', message: 'MySQL down' },
    { t: T0 + 7600, kind: 'keepalived-transition', node: 'node2', severity: null, message: 'MASTER' },
  ],
  rows: [
    { node: 'node1', counts: { 0: 1, 1: 1, 4: 1, 5: 1 } },
    { node: 'node2', counts: { 0: 1, 1: 1, 4: 1, 5: 1 } },
  ],
  verifyError: null,
  ...over,
});

describe('the drill report', () => {
  it('times detection, the VIP move and the outages from the injection', () => {
    const report = buildDrillReport(evidence(), T0 + 22_000);
    expect(report.injectedAt).toBe(new Date(INJECTED).toISOString());
    expect(report.injectCommandMs).toBe(200);
    expect(report.detectedMs).toBe(1200);
    expect(report.newHolder).toBe('node2');
    expect(report.vipMovedMs).toBe(2550);
    // First failed write at +4.85 s, first later write acknowledged at +7.708 s.
    expect(report.writeOutageMs).toBe(7708 - 4850);
    expect(report.readOutageMs).toBe(7803 - 4900);
    expect(report.restoredMs).toBe(12_000);
    expect(report.caughtUpMs).toBe(16_000);
    expect(report.vipReturned).toBe(false);
    expect(report.writes).toEqual({ attempted: 6, acknowledged: 4, lost: 0, duplicated: 0, ambiguous: 0 });
    expect(report.maxHolders).toBe(2);
    expect(report.twoHoldersMs).toBe(50);
    expect(report.maxWritable).toBe(1);
    expect(report.verdict).toBe('passed');
    expect(report.reasons).toEqual([]);
  });

  it('fails on an acknowledged write missing from a node, and counts ambiguous and duplicated rows', () => {
    const rows: TDrillEvidence['rows'] = [
      { node: 'node1', counts: { 0: 1, 1: 1, 3: 1, 4: 1, 5: 1 } },
      { node: 'node2', counts: { 0: 1, 1: 2, 3: 1, 4: 1 } },
    ];
    const report = buildDrillReport(evidence({ rows }), T0 + 22_000);
    expect(report.writes).toEqual({ attempted: 6, acknowledged: 4, lost: 1, duplicated: 1, ambiguous: 1 });
    expect(report.verdict).toBe('failed');
    expect(report.reasons.join('\n')).toMatch(/1 acknowledged write\(s\) missing/);
    expect(report.reasons.join('\n')).toMatch(/present more than once/);
  });

  it('fails when two nodes are writable for more than a second, not for a brief overlap', () => {
    const brief = [...samples, s(9000, 'node1', false, false), s(9800, 'node1', false, true)];
    expect(buildDrillReport(evidence({ samples: brief }), T0 + 22_000).verdict).toBe('passed');
    const long = [...samples, s(9000, 'node1', false, false), s(10_200, 'node1', false, true)];
    const report = buildDrillReport(evidence({ samples: long }), T0 + 22_000);
    expect(report.maxWritable).toBe(2);
    expect(report.twoWritableMs).toBe(1200);
    expect(report.verdict).toBe('failed');
    expect(report.reasons.join('\n')).toMatch(/two nodes were writable for 1200 ms/);
  });

  it('fails when the pair is not whole after the restore or did not catch up', () => {
    const report = buildDrillReport(evidence({ whole: false, wholeDetail: 'node1: replication IO No, SQL Yes, IO error 1236', caughtUpAt: null, caughtUpDetail: 'node1: its SQL thread is not running' }), T0 + 22_000);
    expect(report.verdict).toBe('failed');
    expect(report.reasons).toEqual(['the pair was not whole after the restore: node1: replication IO No, SQL Yes, IO error 1236', 'replication did not catch up after the restore: node1: its SQL thread is not running']);
  });

  it('gives no verdict to a drill that never counted its rows, and says why', () => {
    const report = buildDrillReport(evidence({ rows: null, verifyError: 'node2: Access denied' }), T0 + 22_000);
    expect(report.verdict).toBeNull();
    expect(report.writes.lost).toBeNull();
    expect(report.reasons).toEqual(['not verified: node2: Access denied']);
  });

  it('reports no VIP move when the drilled node was not the holder', () => {
    const report = buildDrillReport(evidence({ node: 'node2', originalHolder: 'node1' }), T0 + 22_000);
    expect(report.vipMovedMs).toBeNull();
    expect(report.newHolder).toBeNull();
  });
});

describe('the pieces', () => {
  it('an outage ends only with an attempt started after it began', () => {
    // A write started before the failure and answered late does not end it.
    const list = [w(0, 0, true, 3000), w(1, 100, false, 10), w(2, 200, false, 10), w(3, 300, true, 20)];
    expect(longestOutage(list, 'write')).toBe(220);
    expect(longestOutage([w(0, 0, true), w(1, 100, false, 1000)], 'write')).toBe(1000);
    expect(longestOutage([w(0, 0, true)], 'write')).toBe(0);
  });

  it('an outage ends at the first answer after it, not at the end of the first attempt started after it', () => {
    // Seen in CI under `isolate`: the first attempt after the move waited out
    // a lost SYN (answered at 1,300) while the next, 50 ms later, was
    // answered at 420; writes were back at 420.
    const list = [w(0, 0, false, 1000), w(1, 300, true, 1000), w(2, 350, true, 70), w(3, 400, true, 30)];
    expect(longestOutage(list, 'write')).toBe(420);
    // An answer from an attempt started before the failure still proves nothing.
    expect(longestOutage([w(0, 0, true, 900), w(1, 100, false, 10), w(2, 200, true, 50)], 'write')).toBe(150);
  });

  it('an outage still going when the record ends lasts until the latest give-up, not the last attempt\'s end', () => {
    // The attempt at 100 waited out its 3 s timeout; the one at 200 was refused at once.
    expect(longestOutage([w(0, 0, true), w(1, 100, false, 3000), w(2, 200, false, 10)], 'write')).toBe(3000);
    // An answer to an attempt sent before the failure, however late, is not the end of the record.
    expect(longestOutage([w(0, 0, true, 5000), w(1, 100, false, 10)], 'write')).toBe(10);
    expect(longestOutage([w(0, 100, true, 2000), w(1, 100, false, 10)], 'write')).toBe(10);
  });

  it('attempts started in the same millisecond count in the order they were sent, whatever order they are stored in', () => {
    // seq 2 (refused) left before seq 3 (answered at 120): writes were back at 120; the outage that matters is 500 → 605.
    const stored = [w(0, 0, true), w(3, 100, true, 20), w(2, 100, false, 10), w(4, 500, false, 10), w(5, 600, true, 5)];
    expect(longestOutage(stored, 'write')).toBe(105);
    expect(longestOutage([...stored].reverse(), 'write')).toBe(105);
  });

  it('holder/writer segments change only when a node\'s sample does', () => {
    const segs = segmentsOf([s(0, 'a', true, false), s(0, 'b', false, true), s(100, 'a', true, false), s(200, 'b', true, true)], T0 + 500);
    expect(segs.map((x) => [x.from - T0, x.to - T0, x.holders.join('+'), x.writable.join('+')])).toEqual([
      [0, 200, 'a', 'a'],
      [200, 500, 'a+b', 'a'],
    ]);
  });

  it('counts without rows as not verified', () => {
    expect(countWrites([w(0, 0, true), w(1, 10, false)], null)).toEqual({ attempted: 2, acknowledged: 1, lost: null, duplicated: null, ambiguous: null });
  });

  it('the timeline buckets the probe per 100 ms, relative to the injection', () => {
    const t = buildTimeline(evidence(), T0 + 22_000);
    expect(t.bucketMs).toBe(100);
    expect(t.start).toBe(-5000);
    // Bucket of +4.85 s from the probe start: one failed write.
    expect(t.buckets[48]).toEqual([0, 1, 0, 0]);
    expect(t.buckets[0]).toEqual([1, 0, 1, 0]);
    expect(t.marks.find((m) => m.label === 'failure injected')?.t).toBe(0);
    expect(t.segments[0]?.from).toBe(-5000);
    expect(t.events.map((e) => e.kind)).toEqual(['finding-cleared', 'node-unreachable', 'keepalived-transition']);
  });
});
