import { describe, expect, it } from 'vitest';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { isSplitBrain, statusOf } from './status-of';

const snap = (severities: ('critical' | 'warning' | 'info')[]): TClusterSnapshot => ({
  cluster: 'lab',
  vip: { address: '198.18.0.100', holders: ['node1'] },
  nodes: [],
  findings: severities.map((severity) => ({ code: 'lag-high', severity, message: '', advice: '' })),
  observedAt: new Date().toISOString(),
});

describe('overall cluster status', () => {
  it('is critical with any critical finding, degraded with others, healthy with none, unknown unobserved', () => {
    expect(statusOf(snap(['warning', 'critical']))).toBe('critical');
    expect(statusOf(snap(['warning', 'info']))).toBe('degraded');
    expect(statusOf(snap([]))).toBe('healthy');
    expect(statusOf(null)).toBe('unknown');
  });
});

describe('split-brain alarm', () => {
  it('is raised by the split-brain finding, not by two holders during a move', () => {
    const moving: TClusterSnapshot = { ...snap([]), vip: { address: '198.18.0.100', holders: ['node1', 'node2'] } };
    expect(isSplitBrain(moving)).toBe(false);
    expect(isSplitBrain({ ...moving, findings: [{ code: 'split-brain', severity: 'critical', message: '', advice: '' }] })).toBe(true);
    expect(isSplitBrain(null)).toBe(false);
  });
});
