import { describe, expect, it } from 'vitest';
import { recordedSnapshot } from '@/test/support/snapshots';
import { isSplitBrain } from './split-brain';
import { vipStateOf } from './vip-state';

// A preemption caught mid-move: both nodes hold the VIP, and the collector has
// not raised split-brain (the two holders have not outlasted the grace).
const moving = () => {
  const s = recordedSnapshot('split-brain');
  return { ...s, findings: s.findings.filter((f) => f.code !== 'split-brain') };
};

describe('split brain', () => {
  it('is the split-brain finding, not two holders during a move', () => {
    expect(moving().vip.holders).toEqual(['node1', 'node2']);
    expect(isSplitBrain(moving())).toBe(false);
    expect(isSplitBrain(recordedSnapshot('split-brain'))).toBe(true);
    expect(isSplitBrain(recordedSnapshot('healthy'))).toBe(false);
    expect(isSplitBrain(null)).toBe(false);
  });

  it('names what the VIP holders mean', () => {
    const healthy = recordedSnapshot('healthy');
    expect(vipStateOf(healthy)).toBe('held');
    expect(vipStateOf({ ...healthy, vip: { ...healthy.vip, holders: [] } })).toBe('unassigned');
    expect(vipStateOf(moving())).toBe('moving');
    expect(vipStateOf(recordedSnapshot('split-brain'))).toBe('split-brain');
  });
});
