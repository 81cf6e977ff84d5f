import { describe, expect, it } from 'vitest';
import { actionHub, overlayFindings } from './action-hub';
import { isUnsafeFinalState } from './run-state';

describe('what a run leaves', () => {
  it('is safe only with one VIP holder that is also the only writable node', () => {
    const nodes: never[] = [];
    expect(isUnsafeFinalState({ vipHolders: ['node2'], writable: ['node2'], nodes })).toBe(false);
    expect(isUnsafeFinalState({ vipHolders: ['node2'], writable: ['node1'], nodes })).toBe(true);
    expect(isUnsafeFinalState({ vipHolders: ['node1', 'node2'], writable: ['node1'], nodes })).toBe(true);
    expect(isUnsafeFinalState({ vipHolders: ['node1'], writable: [], nodes })).toBe(true);
    expect(isUnsafeFinalState(null)).toBe(true);
  });
});

describe('findings during a run', () => {
  it('shows the findings a switchover causes as expected (info) while it runs, and alarms again after', () => {
    const findings = [
      { code: 'passive-writable' as const, severity: 'critical' as const, node: 'node2', message: 'node2 is writable', advice: '' },
      { code: 'io-thread-stopped' as const, severity: 'critical' as const, node: 'node1', message: 'IO stopped', advice: '' },
    ];
    actionHub().active.set('pair', { runId: '0123456789', kind: 'switchover' });
    const during = overlayFindings('pair', findings);
    expect(during.map((f) => [f.code, f.severity])).toEqual([['passive-writable', 'info'], ['io-thread-stopped', 'critical']]);
    expect(during[0]?.message).toMatch(/expected during switchover run 01234567/);
    actionHub().active.delete('pair');
    expect(overlayFindings('pair', findings)).toEqual(findings);
  });

  it('adds the critical finding of an interrupted run until it is acknowledged', () => {
    actionHub().interrupted.set('pair', [{ code: 'action-interrupted', severity: 'critical', message: 'run x was interrupted', advice: 'ack it' }]);
    expect(overlayFindings('pair', []).map((f) => f.code)).toEqual(['action-interrupted']);
    actionHub().interrupted.delete('pair');
    expect(overlayFindings('pair', [])).toEqual([]);
  });
});
