import { describe, expect, it } from 'vitest';
import type { TFinding, TFindingCode, TSeverity } from '@/lib/health/types';
import { sortFindings } from './FindingsList';

describe('findings list', () => {
  it('puts the most severe first and keeps the rules\' order within a severity', () => {
    const f = (code: TFindingCode, severity: TSeverity): TFinding => ({ code, severity, message: '', advice: '' });
    const findings = [f('lag-unknown', 'info'), f('lag-high', 'warning'), f('split-brain', 'critical'), f('passive-writable', 'warning'), f('node-unreachable', 'critical')];
    expect(sortFindings(findings).map((x) => x.code)).toEqual(['split-brain', 'node-unreachable', 'lag-high', 'passive-writable', 'lag-unknown']);
  });
});
