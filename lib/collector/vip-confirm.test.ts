import { describe, expect, it } from 'vitest';
import { createVipConfirmer } from './vip-confirm';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('VIP confirmation burst', () => {
  it('probes until the addresses agree with keepalived, then stops', async () => {
    let probes = 0;
    const c = createVipConfirmer({ probe: async () => ((probes += 1), true), agrees: () => probes >= 3, isRunning: () => true, gapMs: 1 });
    c.confirm();
    await sleep(100);
    expect(probes).toBe(3);
  });

  it('gives up after its window when keepalived and the addresses never agree', async () => {
    let probes = 0;
    const c = createVipConfirmer({ probe: async () => ((probes += 1), true), agrees: () => false, isRunning: () => true, windowMs: 60, gapMs: 5 });
    c.confirm();
    await sleep(150);
    const after = probes;
    expect(after).toBeGreaterThan(2);
    await sleep(50);
    expect(probes).toBe(after);
  });

  it('probes again for a transition that arrives during a probe, even when the old state agreed', async () => {
    let probes = 0;
    const c = createVipConfirmer({
      probe: async () => {
        probes += 1;
        if (probes === 1) c.confirm();
        await sleep(5);
        return true;
      },
      agrees: () => true,
      isRunning: () => true,
      gapMs: 1,
    });
    c.confirm();
    await sleep(100);
    expect(probes).toBe(2);
  });

  it('ends at once when no node can be probed (all unreachable), instead of spinning', async () => {
    let probes = 0;
    const c = createVipConfirmer({ probe: async () => ((probes += 1), false), agrees: () => false, isRunning: () => true, gapMs: 1 });
    c.confirm();
    await sleep(50);
    expect(probes).toBe(1);
  });
});
