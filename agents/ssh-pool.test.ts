import { describe, expect, it, vi } from 'vitest';

// server.ts and each Next.js route bundle load their own copy of this
// module; they must still share one pool (one SSH connection per node).
describe('the shared SSH pool', () => {
  it('is one pool per process, whichever copy of the module asks', async () => {
    const first = await import('./ssh-pool');
    const a = first.sharedSshPool({ onPinned: async () => undefined });
    vi.resetModules();
    const second = await import('./ssh-pool');
    expect(second).not.toBe(first);
    const b = second.sharedSshPool({ onPinned: async () => undefined });
    expect(b).toBe(a);
    a.disposeAll();
  });
});
