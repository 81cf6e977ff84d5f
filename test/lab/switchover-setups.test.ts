import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { liveSnapshot, stopCollector } from '@/lib/collector/collector';
import type { TRunView } from '@/lib/actions/run-view';
import { postAction, waitForEnd } from '../support/actions-api';
import { bringUpLab } from '../support/drill-harness';
import { testDatabase } from '../support/use-test-database';
import { labctl, labctlOk, labStatus, waitForStatus, labFault } from '../support/labctl';

// The switchover on the other keepalived arrangements: preempt (the lab's
// --fast-failover: node1 MASTER, priorities 101/99), where the new holder
// must stay preferred when the old one comes back, and the seed guide's
// setup, which has no track file and must be refused with the text to add.
const bringUp = (flags: string[]) =>
  bringUpLab(flags, async () => {
    const deadline = Date.now() + 60_000;
    while (!(liveSnapshot('lab')?.nodes.every((n) => n.reachable && n.replication !== null) && liveSnapshot('lab')?.vip.holders.join() === 'node1')) {
      if (Date.now() > deadline) throw new Error('the collector never saw the lab');
      await new Promise((r) => setTimeout(r, 200));
    }
  });

const pair = async () => {
  const s = await labStatus();
  return { holders: s.vipHolders, writable: s.nodes.filter((n) => n.readOnly === false).map((n) => n.name) };
};

const switchTo = async (to: string) => {
  const r = await postAction('lab', { kind: 'switchover', params: { to }, confirm: 'lab' });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return waitForEnd((r.body.run as { id: string }).id);
};

describe.sequential('switchover on other keepalived setups', () => {
  afterAll(async () => {
    await stopCollector();
    labctl(['down']);
  }, 120_000);

  it('with preempt, the new holder stays preferred: restarting the old holder does not take the VIP back', async () => {
    await bringUp(['--fast-failover']);
    const run = await switchTo('node2');
    expect(run.status, JSON.stringify(run.steps.map((s) => [s.key, s.status, s.output]))).toBe('succeeded');
    expect(await pair()).toEqual({ holders: ['node2'], writable: ['node2'] });
    await labFault('stop-keepalived', 'node1');
    await labFault('start-keepalived', 'node1');
    // Longer than preempt needs (3 adverts + skew) to take the VIP back if it could.
    await new Promise((r) => setTimeout(r, 6000));
    expect(await pair()).toEqual({ holders: ['node2'], writable: ['node2'] });
    await waitForStatus('keepalived back on node1', (s) => s.nodes.find((n) => n.name === 'node1')?.keepalived === true);
    await new Promise((r) => setTimeout(r, 3000));
    // Back with the CLI, in a process of its own beside the running collector.
    const t = testDatabase();
    const cli = spawnSync(process.execPath, ['scripts/tandem.mjs', 'switchover', 'lab', '--to', 'node1', '--yes', '--json'], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DATABASE_URL: t.url, TANDEM_DATA_DIR: t.dataDir } });
    expect(cli.status, cli.stderr).toBe(0);
    const back = JSON.parse(cli.stdout) as TRunView;
    expect(back.status, JSON.stringify(back.steps.map((s) => [s.key, s.status, s.output]))).toBe('succeeded');
    expect(back.result).toMatchObject({ from: 'node2', to: 'node1' });
    await new Promise((r) => setTimeout(r, 5000));
    expect(await pair()).toEqual({ holders: ['node1'], writable: ['node1'] });
  }, 240_000);

  it("refuses the seed guide's setup and prints the keepalived configuration to add", async () => {
    await bringUp(['--seed']);
    const dry = await postAction('lab', { kind: 'switchover', params: { to: 'node2' }, dryRun: true });
    expect(dry.body.allowed).toBe(false);
    const checks = dry.body.preflight as { check: string; ok: boolean; detail: string }[];
    const hook = checks.find((c) => c.check === 'keepalived-track-file');
    expect(hook?.ok).toBe(false);
    expect(hook?.detail).toContain('track_file tandem_maint {');
    expect(hook?.detail).toContain('weight 1');
    // Both nodes writable in the seed setup: refused too.
    expect(checks.find((c) => c.check === 'read-only')?.ok).toBe(false);
    const r = await postAction('lab', { kind: 'switchover', params: { to: 'node2' }, confirm: 'lab' });
    expect([r.status, r.body.error]).toEqual([409, 'preflight_failed']);
    expect((await labStatus()).vipHolders).toEqual(['node1']);
  }, 240_000);
});
