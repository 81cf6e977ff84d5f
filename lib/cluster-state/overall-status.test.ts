import { describe, expect, it } from 'vitest';
import { recordedSnapshot } from '@/test/support/snapshots';
import { statusOf } from './overall-status';

describe('overall cluster status', () => {
  it('is critical with any critical finding, degraded with others, healthy with none, unknown unobserved', () => {
    expect(statusOf(recordedSnapshot('node1-mysqld-stopped'))).toBe('critical');
    const healthy = recordedSnapshot('healthy');
    expect(healthy.findings.map((f) => f.severity)).toEqual(['warning']);
    expect(statusOf(healthy)).toBe('degraded');
    expect(statusOf({ ...healthy, findings: [] })).toBe('healthy');
    expect(statusOf(null)).toBe('unknown');
  });
});
