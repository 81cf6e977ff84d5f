import { describe, expect, it } from 'vitest';
import type { TRunView } from '@/lib/actions/run-view';
import { formatRunTable, formatSummary } from './action-output';
import { drillVerdictOf, formatDrillReport } from './drill-output';
import { runFixture } from '@/test/support/run-fixture';

const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

const report = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  failure: 'kill-mysqld',
  node: 'node1',
  injectedAt: '2026-01-01T00:00:05.000Z',
  newHolder: 'node2',
  detectedMs: 412,
  vipMovedMs: 2350,
  writeOutageMs: 2400,
  readOutageMs: 2104,
  writes: { attempted: 240, acknowledged: 231, lost: 0, duplicated: 0, ambiguous: 1 },
  maxHolders: 1,
  maxWritable: 1,
  twoHoldersMs: 0,
  twoWritableMs: 0,
  restoredMs: 10_200,
  caughtUpMs: 14_000,
  vipReturned: false,
  verdict: 'passed',
  reasons: [],
  probeRunId: '00000000-0000-4000-8000-00000000000f',
  hold: 10,
  writesPerSecond: 20,
  durationMs: 25_000,
  ...over,
});

const run = (over: Partial<TRunView> = {}): TRunView =>
  runFixture({
    id: '00000000-0000-4000-8000-000000000002',
    kind: 'drill',
    params: { failure: 'kill-mysqld', holdSeconds: 10, writesPerSecond: 20 },
    status: 'succeeded',
    endedAt: '2026-01-01T00:00:25.000Z',
    steps: [{ position: 0, key: 'inject', title: 'Break node1: kill-mysqld', node: 'node1', status: 'succeeded', startedAt: null, endedAt: null, commands: [], output: '' }],
    result: report(),
    ...over,
  });

describe('drill report output', () => {
  it('prints the verdict and every figure, times from the injection', () => {
    expect(formatDrillReport(run()).split('\n')).toEqual([
      'Drill kill-mysqld on node1: verdict PASSED',
      '  injected      2026-01-01T00:00:05.000Z; held 10 s; probe 20 writes/s',
      '  detected      +0.41 s',
      '  VIP moved     +2.35 s to node2',
      '  write outage  2.40 s',
      '  read outage   2.10 s',
      '  restored      +10.20 s',
      '  caught up     +14.00 s',
      '  writes        240 attempted, 231 acknowledged, 0 lost, 0 duplicated, 1 ambiguous',
      '  overlap       max 1 VIP holder(s), max 1 writable',
      '  VIP returned  no',
    ]);
    expect(drillVerdictOf(run())).toBe('passed');
  });

  it('gives the reasons of a failed verdict, and says when there is none', () => {
    const failed = formatDrillReport(run({ result: report({ verdict: 'failed', reasons: ['2 acknowledged write(s) missing on a node after the restore'], writes: { attempted: 10, acknowledged: 9, lost: 2, duplicated: 0, ambiguous: 0 }, maxHolders: 2, twoHoldersMs: 1400, vipMovedMs: null, newHolder: null }) }));
    expect(failed).toContain('verdict FAILED');
    expect(failed).toContain('  reason: 2 acknowledged write(s) missing on a node after the restore');
    expect(failed).toContain('2 lost');
    expect(failed).toContain('max 2 VIP holder(s) (two for 1.40 s)');
    expect(failed).toContain('VIP moved     no');
    const unverified = formatDrillReport(run({ status: 'aborted', result: report({ verdict: null, writes: { attempted: 10, acknowledged: 9, lost: null, duplicated: null, ambiguous: null }, caughtUpMs: null }) }));
    expect(unverified).toContain('verdict NONE');
    expect(unverified).toContain('9 acknowledged, ? lost');
    expect(unverified).toContain('caught up     -');
    expect(drillVerdictOf(run({ result: null }))).toBeNull();
    expect(formatDrillReport(run({ status: 'running', result: null }))).toBe('Drill kill-mysqld on node1: no report yet (still running)');
  });

  it('escapes what nodes and people wrote: no terminal escapes, no forged lines', () => {
    const hostile = 'x\u001b[2J\nverdict PASSED\u202e';
    const text = formatDrillReport(run({ result: report({ verdict: 'failed', node: hostile, newHolder: hostile, failure: hostile, injectedAt: hostile, reasons: [`the pair was not whole after the restore: ${hostile}`] }) }));
    expect(text).not.toMatch(CONTROLS);
    expect(text.split('\n').filter((l) => l.startsWith('verdict'))).toEqual([]);
    const summary = formatSummary(run({ requestedBy: hostile, error: hostile, result: report({ reasons: [hostile], warnings: [hostile] }) }));
    expect(summary).not.toMatch(CONTROLS);
    expect(summary.split('\n').some((l) => l.startsWith('verdict'))).toBe(false);
    expect(formatRunTable([run({ params: { failure: hostile, node: hostile }, result: null })])).not.toMatch(CONTROLS);
  });

  it('puts the report in a run\'s summary and the verdict in the run table', () => {
    const summary = formatSummary(run({ restoreRequested: true }));
    expect(summary).toContain('SUCCEEDED (restore now was requested)');
    expect(summary).toContain('  drill kill-mysqld on node1, requested by cli:root, duration 25.0 s');
    expect(summary).toContain('  Drill kill-mysqld on node1: verdict PASSED');
    expect(summary).toContain('    write outage  2.40 s');
    expect(summary).not.toContain('write block');
    const table = formatRunTable([run(), run({ params: { failure: 'stop-mysqld', node: 'node2' }, result: null, status: 'running', endedAt: null })]).split('\n');
    expect(table[0]).toMatch(/DETAIL/);
    expect(table[1]).toContain('kill-mysqld on node1: passed');
    expect(table[2]).toContain('stop-mysqld on node2: no verdict');
  });
});
