import { describe, expect, it } from 'vitest';
import { detailSummary } from './detail-summary';

describe('an audit row\'s detail in one line', () => {
  it('shows a refusal burst\'s count and names, and bounds the length', () => {
    expect(detailSummary('{"reason":"wrong-password","count":29,"names":["a","b"]}')).toBe('reason=wrong-password count=29 names=a,b');
    expect(detailSummary(null)).toBe('');
    expect(detailSummary(JSON.stringify({ names: ['x'.repeat(200)] }), 20)).toHaveLength(20);
  });
});
