import { describe, expect, it } from 'vitest';
import { buildDrillReport, buildTimeline, type TDrillEvidence } from '@/lib/actions/drill/report';
import { ZDrillTimelineSchema, type TRunPush } from '@/lib/realtime/payloads';
import { DRILL_FAILURE_KINDS, drillReportOf, drillSubject, formatDrillMs, formatSince, isHolding, parseHoldSeconds, serviceCommandsProblem } from './drill-format';
import { runSubject } from './run-format';
import { runFixture } from '@/test/support/run-fixture';

const T0 = 1_800_000_000_000;

const evidence: TDrillEvidence = {
  runId: '00000000-0000-4000-8000-000000000001',
  failure: 'kill-mysqld',
  node: 'node1',
  nodes: ['node1', 'node2'],
  originalHolder: 'node1',
  probeStartedAt: T0,
  injectStartedAt: T0 + 2000,
  injectedAt: T0 + 2100,
  restoreStartedAt: T0 + 5000,
  restoredAt: T0 + 6000,
  whole: true,
  wholeDetail: 'node2 holds the VIP',
  wholeAt: T0 + 7000,
  finalHolder: 'node2',
  caughtUpAt: T0 + 8000,
  caughtUpDetail: null,
  attempts: [
    { kind: 'write', seq: 0, t: T0 + 100, ms: 4, ok: true, serverId: 1, error: null },
    { kind: 'write', seq: 1, t: T0 + 2200, ms: 4, ok: false, serverId: null, error: 'ECONNREFUSED' },
    { kind: 'write', seq: 2, t: T0 + 3500, ms: 4, ok: true, serverId: 2, error: null },
    { kind: 'read', seq: 0, t: T0 + 150, ms: 2, ok: true, serverId: 1, error: null },
  ],
  skipped: 0,
  samples: [
    { t: T0, node: 'node1', vip: true, readOnly: false },
    { t: T0, node: 'node2', vip: false, readOnly: true },
    { t: T0 + 3000, node: 'node2', vip: true, readOnly: false },
    { t: T0 + 3050, node: 'node1', vip: false, readOnly: null },
  ],
  events: [{ t: T0 + 2500, kind: 'keepalived-transition', node: 'node2', severity: null, message: 'MASTER' }],
  rows: [{ node: 'node1', counts: { 0: 1, 2: 1 } }, { node: 'node2', counts: { 0: 1, 2: 1 } }],
  verifyError: null,
};

const run = (over: Partial<TRunPush> = {}): TRunPush => ({
  ...runFixture({
    id: '00000000-0000-4000-8000-000000000002',
    kind: 'drill',
    params: { failure: 'stop-mysqld', holdSeconds: 10, writesPerSecond: 20 },
    requestedBy: 'ann',
    steps: ['probe-start', 'inject', 'hold', 'restore'].map((key, position) => ({ position, key, title: key, node: key === 'inject' ? 'node1' : null, status: 'pending' as const, startedAt: null, endedAt: null, commands: [], output: '' })),
  }),
  ...over,
});

describe('drill format', () => {
  it('reads the report and the timeline exactly as the engine stores them', () => {
    const stored = JSON.parse(JSON.stringify({ ...buildDrillReport(evidence, T0 + 9000), probeRunId: evidence.runId, hold: 10, writesPerSecond: 20, durationMs: 9000 })) as Record<string, unknown>;
    const report = drillReportOf(run({ status: 'succeeded', result: stored }));
    expect(report).toMatchObject({ failure: 'kill-mysqld', node: 'node1', newHolder: 'node2', verdict: 'passed', vipMovedMs: 950, detectedMs: 400, writes: { attempted: 3, acknowledged: 2, lost: 0 } });
    expect(ZDrillTimelineSchema.safeParse(JSON.parse(JSON.stringify(buildTimeline(evidence, T0 + 9000)))).success).toBe(true);
    expect(drillReportOf(run({ kind: 'switchover', result: stored }))).toBeNull();
    expect(drillReportOf(run({ result: { verdict: 'maybe' } }))).toBeNull();
  });

  it('names what a drill breaks, before and after it has a report', () => {
    expect(drillSubject(run())).toBe('stop-mysqld on node1');
    expect(runSubject(run({ params: { failure: 'isolate', node: 'node2' } }))).toBe('isolate on node2');
    expect(runSubject(run({ kind: 'switchover', params: { to: 'node2' }, steps: [] }))).toBe('? → node2');
  });

  it('offers Restore now only while the failure is held', () => {
    const holding = run({ steps: run().steps.map((s) => (s.key === 'hold' ? { ...s, status: 'running' as const } : s)) });
    expect(isHolding(holding)).toBe(true);
    expect(isHolding(run())).toBe(false);
    expect(isHolding({ ...holding, status: 'aborted' })).toBe(false);
    expect(isHolding({ ...holding, kind: 'switchover' })).toBe(false);
  });

  it('takes a hold of 1–600 whole seconds', () => {
    expect(['10', ' 3 ', '600', '0', '601', '1.5', '-1', '', 'ten'].map(parseHoldSeconds)).toEqual([10, 3, 600, null, null, null, null, null, null]);
  });

  it('reads from the dry run whether the failure is configured on the node', () => {
    expect(serviceCommandsProblem([{ check: 'service-commands', ok: false, detail: 'isolation is not configured for node1' }])).toBe('isolation is not configured for node1');
    expect(serviceCommandsProblem([{ check: 'service-commands', ok: true, detail: 'inject: x' }])).toBeNull();
    expect(DRILL_FAILURE_KINDS).toEqual(['stop-mysqld', 'kill-mysqld', 'stop-keepalived', 'isolate']);
  });

  it('words figures in ms from the injection', () => {
    expect([formatDrillMs(null), formatDrillMs(420), formatDrillMs(2345), formatSince(2345), formatSince(-80), formatSince(undefined)]).toEqual(['—', '420 ms', '2.35 s', '+2.35 s', '−80 ms', '—']);
  });
});
