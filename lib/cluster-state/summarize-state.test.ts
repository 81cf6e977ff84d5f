import { describe, expect, it } from 'vitest';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { summarizeState } from './summarize-state';

const snapshot = (holders: string[], findings: TClusterSnapshot['findings'], observedAt = '2026-12-02T12:00:00.000Z'): TClusterSnapshot => ({
  cluster: 'lab',
  vip: { address: '198.18.0.100', holders },
  nodes: [],
  findings,
  observedAt,
});
const now = Date.parse('2026-12-02T12:00:02.000Z');

describe('state summary for API readers', () => {
  it('calls two holders without the debounced finding a move, not a split brain', () => {
    expect(summarizeState(snapshot(['node1', 'node2'], []), now)).toEqual({ status: 'healthy', vip: 'moving', splitBrain: false, ageMs: 2000, stale: false });
  });

  it('follows the split-brain finding, and says when the data is stale', () => {
    const s = snapshot(['node1', 'node2'], [{ code: 'split-brain', severity: 'critical', message: 'm', advice: 'a' }], '2026-12-02T11:59:00.000Z');
    expect(summarizeState(s, now)).toMatchObject({ status: 'critical', vip: 'split-brain', splitBrain: true, stale: true });
  });
});
