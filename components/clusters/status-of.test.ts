import { describe, expect, it } from 'vitest';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { statusOf } from './status-of';

const snap = (severities: ('critical' | 'warning' | 'info')[]): TClusterSnapshot => ({
  cluster: 'lab',
  vip: { address: '198.18.0.100', holders: ['node1'] },
  nodes: [],
  findings: severities.map((severity, i) => ({ code: `c${i}`, severity, message: '', advice: '' })),
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
