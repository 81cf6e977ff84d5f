import { describe, expect, it } from 'vitest';
import { needsAcknowledgement, newerRun, runProgress } from './run-state';
import type { TFinalState } from './types';

const safe: TFinalState = { vipHolders: ['node2'], writable: ['node2'], nodes: [] };
const unsafe: TFinalState = { vipHolders: ['node1'], writable: ['node2'], nodes: [] };
const run = (over: Partial<Parameters<typeof runProgress>[0]> = {}) => ({
  status: 'running' as const,
  finalState: null,
  acknowledgedAt: null,
  endedAt: null,
  abortRequested: false,
  steps: [
    { status: 'succeeded' as const, startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:01.000Z' },
    { status: 'pending' as const, startedAt: null, endedAt: null },
  ],
  ...over,
});

describe('needsAcknowledgement', () => {
  it('asks for an interrupted run and for a failed or aborted run that left an unsafe state', () => {
    expect(needsAcknowledgement(run({ status: 'interrupted' }))).toBe(true);
    expect(needsAcknowledgement(run({ status: 'failed', finalState: unsafe }))).toBe(true);
    expect(needsAcknowledgement(run({ status: 'aborted', finalState: null }))).toBe(true);
  });

  it('does not ask once acknowledged, nor for a safe end or a running run', () => {
    expect(needsAcknowledgement(run({ status: 'interrupted', acknowledgedAt: '2026-01-01T00:01:00.000Z' }))).toBe(false);
    expect(needsAcknowledgement(run({ status: 'failed', finalState: safe }))).toBe(false);
    expect(needsAcknowledgement(run({ status: 'succeeded', finalState: unsafe }))).toBe(false);
    expect(needsAcknowledgement(run())).toBe(false);
  });
});

describe('newerRun', () => {
  it('keeps the record that got further, whichever arrived last', () => {
    const early = run();
    const later = run({ steps: [early.steps[0]!, { status: 'running', startedAt: '2026-01-01T00:00:01.000Z', endedAt: null }] });
    const ended = run({ status: 'succeeded', endedAt: '2026-01-01T00:00:03.000Z' });
    expect(newerRun(later, early)).toBe(later);
    expect(newerRun(early, later)).toBe(later);
    expect(newerRun(later, ended)).toBe(ended);
    expect(newerRun(undefined, early)).toBe(early);
  });

  it('counts an undo, an abort request and a drill\'s restore request as progress', () => {
    const done = run({ steps: [{ status: 'succeeded', startedAt: 'a', endedAt: 'b' }] });
    expect(newerRun(done, run({ steps: [{ status: 'undone', startedAt: 'a', endedAt: 'b' }] })).steps[0]?.status).toBe('undone');
    expect(newerRun(run({ abortRequested: true }), run()).abortRequested).toBe(true);
    expect(newerRun(run({ restoreRequested: true }), run({ restoreRequested: false })).restoreRequested).toBe(true);
  });
});
