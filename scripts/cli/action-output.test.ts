import { describe, expect, it } from 'vitest';
import type { TRunView, TStepView } from '@/lib/actions/run-view';
import { createStepTracker, formatPlan, formatPreflight, formatRunTable, formatSummary } from './action-output';
import { runFixture } from '@/test/support/run-fixture';

const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

const step = (position: number, over: Partial<TStepView> = {}): TStepView => ({ position, key: `s${position}`, title: `Step ${position}`, node: 'node1', status: 'pending', startedAt: null, endedAt: null, commands: [], output: '', ...over });

const run = (over: Partial<TRunView> = {}): TRunView => runFixture({ steps: [step(0), step(1)], ...over });

describe('switchover output', () => {
  it('marks passed, warned and blocking checks, continuing multi-line details indented', () => {
    const text = formatPreflight([
      { check: 'nodes-reachable', ok: true, severity: 'block', detail: 'both answer' },
      { check: 'binlog-format', ok: false, severity: 'warn', detail: 'ROW vs MIXED' },
      { check: 'keepalived-track-file', ok: false, severity: 'block', detail: 'missing\ntrack_file tandem_maint {' },
    ]);
    expect(text.split('\n')).toEqual(['Preflight:', '  ✓ nodes-reachable: both answer', '  ! binlog-format: ROW vs MIXED', '  ✗ keepalived-track-file: missing', '      track_file tandem_maint {']);
  });

  it('prints each planned step with its node, budget, commands and undo', () => {
    const text = formatPlan({ steps: [{ key: 'ro', title: 'Make node1 read-only', node: 'node1', commands: ['SET GLOBAL read_only=1'], timeoutMs: 5000, undo: ['SET GLOBAL read_only=0'] }] });
    expect(text).toBe('Plan:\n  1. Make node1 read-only [node1] (up to 5.00 s)\n       $ SET GLOBAL read_only=1\n       undo: SET GLOBAL read_only=0');
  });

  it('says each step transition once, with the duration and output once it ended', () => {
    const track = createStepTracker();
    expect(track(run())).toEqual([]);
    expect(track(run({ steps: [step(0, { status: 'running', startedAt: '2026-01-01T00:00:00.000Z' }), step(1)] }))).toEqual(['[1/2] running   Step 0 [node1]']);
    const ended = run({ steps: [step(0, { status: 'succeeded', startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:01.250Z', output: 'read_only=1\nok' }), step(1)] });
    expect(track(ended)).toEqual(['[1/2] succeeded Step 0 [node1] (1.25 s)', '      read_only=1', '      ok']);
    expect(track(ended)).toEqual([]);
  });

  it('escapes what nodes and people wrote: no terminal escapes, no forged lines', () => {
    const hostile = 'x\u001b[2J\nFORGED\u202e';
    const track = createStepTracker();
    const lines = track(run({ steps: [step(0, { status: 'failed', title: hostile, startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:00.100Z', output: hostile })] }));
    for (const l of lines) expect(l).not.toMatch(CONTROLS);
    expect(lines.filter((l) => l.startsWith('FORGED'))).toEqual([]);
    const summary = formatSummary(run({ status: 'failed', endedAt: '2026-01-01T00:00:03.000Z', error: hostile, requestedBy: hostile, result: { from: 'node1', to: 'node2', warnings: [hostile] } }));
    expect(summary).not.toMatch(CONTROLS);
    expect(summary.split('\n').some((l) => l.startsWith('FORGED'))).toBe(false);
    expect(formatRunTable([run({ requestedBy: hostile })])).not.toMatch(CONTROLS);
  });

  it('summarises a finished run: status, from→to, timings and the final state', () => {
    const text = formatSummary(
      run({
        status: 'succeeded',
        endedAt: '2026-01-01T00:00:04.500Z',
        result: { from: 'node1', to: 'node2', writeBlockMs: 420, vipMoveMs: 1100, durationMs: 4500 },
        finalState: { vipHolders: ['node2'], writable: ['node2'], nodes: [{ node: 'node1', reachable: true, holdsVip: false, readOnly: true, ioRunning: 'Yes', sqlRunning: 'Yes', lastError: null }, { node: 'node2', reachable: false, holdsVip: null, readOnly: null, ioRunning: null, sqlRunning: null, lastError: 'timeout' }] },
      }),
    );
    expect(text).toContain('SUCCEEDED');
    expect(text).toContain('switchover node1 → node2, requested by cli:root');
    expect(text).toContain('write block 0.42 s, VIP move 1.10 s, duration 4.50 s');
    expect(text).toContain('final state: VIP held by node2; writable: node2');
    expect(text).toContain('node1: read_only ON, IO Yes, SQL Yes');
    expect(text).toContain('node2: unreachable; timeout');
  });
});
