import { describe, expect, it } from 'vitest';
import { recordedSnapshot } from '@/test/support/snapshots';
import { driftCheckUnavailable } from './drift-check-target';

describe('driftCheckUnavailable', () => {
  it('lets a pair be checked, and leaves the rest to the preflight', () => {
    expect(driftCheckUnavailable(recordedSnapshot('healthy'), null)).toBeNull();
    expect(driftCheckUnavailable(recordedSnapshot('split-brain'), null)).toBeNull();
  });

  it('says a run is in progress, and that it needs a pair', () => {
    const healthy = recordedSnapshot('healthy');
    expect(driftCheckUnavailable(healthy, { id: '0123456789abcdef', requestedBy: 'ann' })).toBe('a run is in progress (01234567, by ann)');
    expect(driftCheckUnavailable({ ...healthy, nodes: healthy.nodes.slice(0, 1) }, null)).toBe('a drift check compares a pair; this cluster has 1 node');
  });
});
