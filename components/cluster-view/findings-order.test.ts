import { describe, expect, it } from 'vitest';
import { sortFindings } from './FindingsList';

describe('findings list', () => {
  it('puts the most severe first and keeps the rules\' order within a severity', () => {
    const f = (code: string, severity: 'critical' | 'warning' | 'info') => ({ code, severity, message: '', advice: '' });
    expect(sortFindings([f('a', 'info'), f('b', 'warning'), f('c', 'critical'), f('d', 'warning'), f('e', 'critical')]).map((x) => x.code)).toEqual(['c', 'e', 'b', 'd', 'a']);
  });
});
