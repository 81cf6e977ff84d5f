import { describe, expect, it } from 'vitest';
import { heartbeatRules } from './heartbeat-rules';
import type { TClusterView, THeartbeatView } from './types';

const view = (heartbeat: THeartbeatView): TClusterView => ({ vip: '198.18.0.100', virtualRouterId: 51, lagThresholdSeconds: 30, nodes: [], heartbeat });
const failing = (failingMs: number, errno: number | null = 2003): THeartbeatView => {
  const since = Date.UTC(2026, 11, 3, 6, 30, 0);
  return { status: 'failing', error: "Can't connect to MySQL server", errno, failingSince: since, failingMs };
};

describe('heartbeat rules', () => {
  it('say nothing during the first 5 s of a failure (a failover stops writes that long)', () => {
    expect(heartbeatRules(view(failing(4000)))).toEqual([]);
  });

  it('name when the failure began, so the finding stays the same while it lasts', () => {
    const early = heartbeatRules(view(failing(6000)));
    expect(early.map((f) => f.code)).toEqual(['heartbeat-failing']);
    expect(early[0]?.message).toContain('since 06:30:00 UTC');
    // A finding that changed every second made each poll of a failing
    // cluster a change: pushed to every page and saved.
    expect(heartbeatRules(view(failing(60_000)))).toEqual(early);
  });

  it('tell a read-only VIP holder apart from an unreachable VIP', () => {
    const ro = heartbeatRules(view(failing(6000, 1290)));
    expect(ro.map((f) => [f.code, f.severity])).toEqual([['vip-holder-read-only', 'critical']]);
    expect(heartbeatRules(view(failing(60_000, 1290)))).toEqual(ro);
  });
});
