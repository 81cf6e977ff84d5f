import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labDown, labUp, waitHealthy, printFigures, watchedMove, witnessedDrill } from '../support/drill-harness';
import { labStatus } from '../support/labctl';

// The failover drill against the lab's --fast-failover setup: node1 MASTER
// with preempt, so after the restore the VIP goes back to node1, and the
// drill must say so (vipReturned) and still see one holder and one writer.
describe.sequential('failover drill against the lab (fast failover, preempt)', () => {
  beforeAll(async () => {
    await labUp(['--fast-failover']);
  }, 240_000);

  afterAll(async () => {
    await labDown();
  }, 120_000);

  // Every failure kind, as on the default lab (drill.test.ts); here the
  // restored node (mysqld back, keepalived started, the network healed)
  // takes the VIP back by preemption.
  for (const failure of ['stop-mysqld', 'kill-mysqld', 'stop-keepalived', 'isolate'] as const) {
    it(`${failure} on node1: the VIP fails over, comes back after the restore, and the figures agree with the witnesses`, async () => {
      expect((await labStatus()).vipHolders).toEqual(['node1']);
      const witnessed = await witnessedDrill({ failure, holdSeconds: 4 });
      const { run, report, writer, moves, loopMaxMs } = witnessed;
      expect(run.status, describeRun(run)).toBe('succeeded');
      expect(report.verdict, describeRun(run)).toBe('passed');
      expect(report.newHolder).toBe('node2');
      expect(report.writes.lost).toBe(0);
      expect(writer.lost).toBe(0);
      printFigures(failure, witnessed);
      expect(Math.abs((report.writeOutageMs ?? -1) - writer.longestOutageMs), `drill ${report.writeOutageMs} ms, writer ${writer.longestOutageMs} ms; this process's event loop stalled up to ${loopMaxMs} ms`).toBeLessThanOrEqual(300);
      const injectedAt = Date.parse(report.injectedAt ?? '');
      const seen = watchedMove(moves, 'node2', Date.parse(run.steps.find((s) => s.key === 'inject')?.startedAt ?? ''));
      expect(seen, JSON.stringify(moves)).not.toBeNull();
      expect(Math.abs((report.vipMovedMs ?? 99_999) - ((seen ?? 0) - injectedAt)), `drill ${report.vipMovedMs} ms, namespaces ${(seen ?? 0) - injectedAt} ms; this process's event loop stalled up to ${loopMaxMs} ms`).toBeLessThanOrEqual(300);
      // preempt: node1 takes the VIP back once it is healthy again.
      expect(report.vipReturned).toBe(true);
      const s = await labStatus();
      expect(s.vipHolders).toEqual(['node1']);
      expect(s.nodes.filter((n) => n.readOnly === false).map((n) => n.name)).toEqual(['node1']);
      await waitHealthy();
    }, 300_000);
  }
});
