import { describe, expect, it } from 'vitest';
import { contradictions, moveLatency } from './vip-truth';

const truth = [
  { t0: 0, t1: 5, holders: 'node1' },
  { t0: 1000, t1: 1005, holders: '' },
  { t0: 1600, t1: 1605, holders: 'node2' },
];

describe('judging pushes against the watcher', () => {
  it('times a move from the reading that first showed the new holders to the first push that said exactly that', () => {
    const pushes = [
      { at: 10, holders: 'node1' },
      { at: 1100, holders: '' },
      { at: 1650, holders: 'node1,node2' },
      { at: 1700, holders: 'node2' },
    ];
    expect(moveLatency(truth, pushes, 'node2', 500)).toBe(100);
    expect(moveLatency(truth, pushes, '', 500)).toBe(100);
    expect(moveLatency(truth, pushes, 'node3', 500)).toBeUndefined();
  });

  it('counts a push that stood wrong for more than 250 ms, not one that was right until the truth moved on', () => {
    const pushes = [
      { at: 10, holders: 'node1' },
      { at: 1100, holders: 'node1' }, // stale: wrong for 500 ms until node2 appears and 400 ms after
      { at: 2000, holders: 'node2' },
    ];
    expect(contradictions(truth, pushes, 3000)).toEqual([{ at: 1100, holders: 'node1', wrongMs: 900 }]);
    expect(contradictions(truth, [{ at: 10, holders: 'node1' }, { at: 1200, holders: '' }, { at: 1700, holders: 'node2' }], 3000)).toEqual([]);
  });
});
