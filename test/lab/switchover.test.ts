import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setActionSinks } from '@/lib/actions/action-hub';
import type { TRunView } from '@/lib/actions/run-view';
import { importCluster } from '@/lib/clusters/import-cluster';
import { parseWith, ZClusterDocumentSchema } from '@/lib/clusters/schema';
import { liveSnapshot, pollClusterNow, startCollector, stopCollector } from '@/lib/collector/collector';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { query } from '@/lab/mariadb';
import { readState } from '@/lab/state';
import { abortRun, ackRun, listRuns, postAction, waitForEnd, waitForStep, waitInterrupted } from '../support/actions-api';
import { labctl, labctlAsync, labctlOk, labStatus, waitForStatus, labFault } from '../support/labctl';
import { scratchFile } from '../support/scratch-file';
import { testDatabase } from '../support/use-test-database';

// The switchover against the real lab (default setup: both BACKUP +
// nopreempt, track file, read_only following keepalived). Every claim is
// checked from outside too: `labctl status` reads the VIP and read_only on
// the nodes themselves.
const pushes: TRunView[] = [];

const failing = (body: Record<string, unknown>): string[] =>
  ((body.preflight as { check: string; ok: boolean; severity: string }[] | undefined) ?? []).filter((c) => !c.ok && c.severity === 'block').map((c) => c.check);

const dryRun = (to: string) => postAction('lab', { kind: 'switchover', params: { to }, dryRun: true });
const runTo = (to: string, extra: Record<string, unknown> = {}) => postAction('lab', { kind: 'switchover', params: { to }, confirm: 'lab', ...extra });

const pair = async () => {
  const s = await labStatus();
  return { holders: s.vipHolders, writable: s.nodes.filter((n) => n.readOnly === false).map((n) => n.name) };
};

const setCooldown = async (seconds: number) => (await getDb()).cluster.update({ where: { name: 'lab' }, data: { switchoverCooldownSeconds: seconds } });

const setPause = (ms: number) => {
  process.env.TANDEM_ACTION_STEP_PAUSE_MS = String(ms);
  resetEnvCache();
};

const waitCaughtUp = async () => {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const s = await labStatus();
    if (s.nodes.every((n) => n.ioRunning === 'Yes' && n.sqlRunning === 'Yes' && (n.secondsBehindMaster ?? 99) <= 1)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the pair did not catch up: ${JSON.stringify(await labStatus())}`);
};

describe.sequential('switchover against the lab', () => {
  beforeAll(async () => {
    labctlOk(['down']);
    labctlOk(['up']);
    const doc = parseWith(ZClusterDocumentSchema, { ...JSON.parse(readFileSync('lab/.state/inventory.json', 'utf8')), heartbeat: true, switchoverCooldownSeconds: 0 });
    await importCluster({ db: await getDb(), doc });
    setActionSinks({ push: (_c, run) => void pushes.push(run), pollNow: pollClusterNow });
    startCollector({ db: await getDb(), sinks: { onSnapshot: () => undefined, onEvent: () => undefined } });
    const deadline = Date.now() + 60_000;
    const ready = () => liveSnapshot('lab')?.nodes.every((n) => n.reachable && n.replication?.ioRunning === 'Yes') && liveSnapshot('lab')?.vip.holders.join() === 'node1';
    while (!ready()) {
      if (Date.now() > deadline) throw new Error('the collector never saw the healthy lab');
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 180_000);

  afterAll(async () => {
    setPause(0);
    await stopCollector();
    labctl(['down']);
  }, 120_000);

  it('a dry run shows every preflight check and the exact plan, and changes nothing', async () => {
    const before = await pair();
    const r = await dryRun('node2');
    expect(r.status).toBe(200);
    expect(failing(r.body)).toEqual([]);
    expect(r.body.allowed).toBe(true);
    const checks = (r.body.preflight as { check: string }[]).map((c) => c.check);
    for (const c of ['vip-single-holder', 'keepalived-track-file', 'read-only', 'replication-to-target', 'replication-to-source', 'target-caught-up', 'errant-transactions', 'long-transactions', 'read-only-bypass', 'grants-node1', 'cluster-lock', 'anti-flap']) expect(checks).toContain(c);
    const steps = (r.body.plan as { steps: { title: string; node: string | null; commands: string[] }[] }).steps;
    expect(steps.map((s) => s.title)).toContain('Stop writes on node1 (read_only=ON)');
    expect(steps.flatMap((s) => s.commands)).toContain('SET GLOBAL read_only=1');
    // The node credential never appears in a plan.
    expect(readState()?.secrets.tandem.length).toBeGreaterThan(8);
    expect(JSON.stringify(r.body)).not.toContain(readState()?.secrets.tandem);
    expect(await pair()).toEqual(before);
    expect((await listRuns('lab')).body.runs).toEqual([]);
  });

  it('refuses a request without the typed cluster name, from a viewer, or with unknown parameters', async () => {
    expect((await postAction('lab', { kind: 'switchover', params: { to: 'node2' } })).body.error).toBe('confirmation_required');
    const wrong = await postAction('lab', { kind: 'switchover', params: { to: 'node2' }, confirm: 'LAB' });
    expect([wrong.status, wrong.body.error]).toEqual([400, 'confirmation_required']);
    expect((await postAction('lab', { kind: 'switchover', params: { to: 'node2' }, confirm: 'lab' }, 'viewer')).status).toBe(403);
    const kind = await postAction('lab', { kind: 'failover-everything', params: {}, dryRun: true });
    expect([kind.status, kind.body.error, Object.keys(kind.body.fields as object)]).toEqual([400, 'invalid', ['kind']]);
    const node = await postAction('lab', { kind: 'switchover', params: { to: 'node9' }, dryRun: true });
    expect([node.status, Object.keys(node.body.fields as object)]).toEqual([400, ['params.to']]);
    expect((await postAction('lab', { kind: 'switchover', params: { to: 'node2' }, confirm: 'lab', force: true, reason: 'because' }, 'operator')).status).toBe(403);
    expect(await pair()).toEqual({ holders: ['node1'], writable: ['node1'] });
  });

  it('switches over both ways under a writer: one holder and one writer at the end of each, no write lost', async () => {
    const out = scratchFile('switchover-writer');
    const writer = labctlAsync(['writer', '--duration', '30', '--rate', '50', '--out', out]);
    await new Promise((r) => setTimeout(r, 3000));
    for (const [from, to] of [['node1', 'node2'], ['node2', 'node1']] as const) {
      pushes.length = 0;
      const started = await runTo(to);
      expect(started.status, JSON.stringify(failing(started.body))).toBe(202);
      const id = (started.body.run as { id: string }).id;
      const run = await waitForEnd(id);
      expect(run.status, JSON.stringify(run.steps.map((s) => [s.key, s.status, s.output]))).toBe('succeeded');
      expect(run.result).toMatchObject({ from, to });
      expect(run.result?.writeBlockMs).toBeGreaterThan(0);
      expect(run.finalState).toMatchObject({ vipHolders: [to], writable: [to] });
      expect(await pair()).toEqual({ holders: [to], writable: [to] });
      // The steps were pushed as they ticked, not only at the end.
      expect(pushes.some((p) => p.id === id && p.steps.some((s) => s.status === 'running'))).toBe(true);
      expect(pushes.at(-1)?.status).toBe('succeeded');
      await waitCaughtUp();
    }
    const w = await writer;
    expect(w.code).toBe(0);
    const verify = JSON.parse(labctlOk(['verify', out, '--json'])) as { lost: number; acknowledged: number };
    expect(verify.acknowledged).toBeGreaterThan(500);
    expect(verify.lost).toBe(0);
    const runs = (await listRuns('lab')).body.runs as TRunView[];
    expect(runs.map((r) => [r.result?.to, r.status])).toEqual([['node1', 'succeeded'], ['node2', 'succeeded']]);
    const audit = await (await getDb()).auditEvent.findMany({ where: { action: { startsWith: 'action.switchover' } }, orderBy: { id: 'asc' } });
    expect(audit.filter((a) => a.action === 'action.switchover.request' && a.result === 'ok').length).toBeGreaterThanOrEqual(3);
    expect(audit.filter((a) => a.action === 'action.switchover.end' && a.result === 'ok')).toHaveLength(2);
  }, 120_000);

  it('refuses a second request while a run is active, and an abort undoes the completed steps', async () => {
    setPause(1500);
    try {
      const first = await runTo('node2');
      expect(first.status, JSON.stringify(first.body)).toBe(202);
      const id = (first.body.run as { id: string }).id;
      const second = await runTo('node2');
      expect([second.status, second.body.error, (second.body.run as { id: string }).id]).toEqual([409, 'action_in_progress', id]);
      await waitForStep(id, 'source-read-only', 'succeeded');
      expect((await labStatus()).nodes.find((n) => n.name === 'node1')?.readOnly).toBe(true);
      expect((await abortRun(id)).status).toBe(202);
      const run = await waitForEnd(id);
      expect(run.status).toBe('aborted');
      expect(run.steps.find((s) => s.key === 'source-read-only')?.status).toBe('undone');
      expect(run.steps.find((s) => s.key === 'move-vip')?.status).toBe('skipped');
      expect(run.finalState).toMatchObject({ vipHolders: ['node1'], writable: ['node1'] });
      expect(await pair()).toEqual({ holders: ['node1'], writable: ['node1'] });
    } finally {
      setPause(0);
    }
  }, 60_000);

  it('refuses a lagging target', async () => {
    await labFault('lag', 'node2', '30');
    try {
      await expect.poll(() => liveSnapshot('lab')?.nodes.find((n) => n.name === 'node2')?.lagSeconds ?? 0, { timeout: 30_000 }).toBeGreaterThan(3);
      const r = await runTo('node2');
      expect([r.status, r.body.error]).toEqual([409, 'preflight_failed']);
      expect(failing(r.body)).toContain('target-caught-up');
      expect(await pair()).toEqual({ holders: ['node1'], writable: ['node1'] });
    } finally {
      await labFault('lag', 'node2', '0');
    }
    await waitCaughtUp();
  }, 90_000);

  it('refuses while a transaction has been open on the source for more than 10 s', async () => {
    const conn = await mysql.createConnection({ host: '198.18.0.100', port: 3306, user: 'app', password: readState()?.secrets.app, database: 'app' });
    try {
      await conn.query('BEGIN');
      await conn.query('INSERT INTO filler (note, at) VALUES (?, ?)', ['long-trx', Date.now()]);
      await new Promise((r) => setTimeout(r, 11_500));
      const r = await runTo('node2');
      expect([r.status, r.body.error]).toEqual([409, 'preflight_failed']);
      expect(failing(r.body)).toContain('long-transactions');
    } finally {
      await conn.query('ROLLBACK').catch(() => undefined);
      await conn.end();
    }
    // The server ends the session after the client has gone: the check
    // clears once it has.
    await expect.poll(async () => failing((await dryRun('node2')).body), { timeout: 15_000, interval: 500 }).toEqual([]);
  }, 60_000);

  it('refuses to promote a node that was written to directly while passive', async () => {
    await labFault('errant-write', 'node2');
    const r = await runTo('node2');
    expect([r.status, r.body.error]).toEqual([409, 'preflight_failed']);
    expect(failing(r.body)).toEqual(['errant-transactions']);
    const detail = (r.body.preflight as { check: string; detail: string }[]).find((c) => c.check === 'errant-transactions')?.detail;
    expect(detail).toMatch(/transactions were written directly on node2 \(server_id 2\) while it was passive/);
    // Reconciled (the write replicated to node1): a new baseline lets it through.
    await (await getDb()).node.updateMany({ where: { name: 'node2' }, data: { passiveOwnTransactions: null } });
    expect((await dryRun('node2')).body.allowed).toBe(true);
  });

  it('refuses inside the anti-flap window; an admin may force it with a reason, an operator may not', async () => {
    await setCooldown(300);
    try {
      const r = await runTo('node2');
      expect([r.status, r.body.error]).toEqual([409, 'too_soon']);
      expect(r.body.retryAfterSeconds).toBeGreaterThan(0);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(failing((await dryRun('node2')).body)).toEqual(['anti-flap']);
      expect((await postAction('lab', { kind: 'switchover', params: { to: 'node2' }, confirm: 'lab', force: true })).body.fields).toHaveProperty('reason');
      const forced = await runTo('node2', { force: true, reason: 'planned maintenance of node1' });
      expect(forced.status).toBe(202);
      const run = await waitForEnd((forced.body.run as { id: string }).id);
      expect([run.status, run.force, run.reason]).toEqual(['succeeded', true, 'planned maintenance of node1']);
      expect(await pair()).toEqual({ holders: ['node2'], writable: ['node2'] });
    } finally {
      await setCooldown(0);
    }
    await waitCaughtUp();
  }, 60_000);

  it('a run killed mid-way holds the lock until start-up marks it interrupted, with advice for that point and a critical finding', async () => {
    const t = testDatabase();
    const child = spawn('node', ['--import', 'tsx', 'test/support/action-child.ts', 'lab', JSON.stringify({ kind: 'switchover', params: { to: 'node1' }, force: true, reason: 'crash test' })], { env: { ...process.env, DATABASE_URL: t.url, TANDEM_DATA_DIR: t.dataDir, TANDEM_ACTION_STEP_PAUSE_MS: '3000', TANDEM_COLLECTOR: 'off' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      await expect.poll(() => out, { timeout: 60_000 }).toContain('STEP target-writable succeeded');
    } finally {
      if (child.pid) process.kill(child.pid, 'SIGKILL');
    }
    await exited;
    const id = /RUN (\S+)/.exec(out)?.[1] ?? '';
    // node1 open, node2 read-only but still holding the VIP.
    expect(await pair()).toEqual({ holders: ['node2'], writable: ['node1'] });
    // The lock is in the database: this process is refused too.
    expect((await runTo('node1')).body.error).toBe('action_in_progress');
    // The server notices the dead process within seconds (at start-up it does the same for its own runs).
    const run = await waitInterrupted(id);
    expect(run.status).toBe('interrupted');
    expect(run.error).toMatch(/after "Open node1 for writes/);
    expect(run.error).toMatch(/set read_only=1 on node1 and read_only=0 on node2/);
    await expect.poll(() => liveSnapshot('lab')?.findings.filter((f) => f.code === 'action-interrupted' && f.severity === 'critical').length, { timeout: 15_000 }).toBe(1);
    expect(failing((await dryRun('node1')).body)).toContain('interrupted-run');
    // The operator follows the advice (backs out), then acknowledges.
    await query('node1', 'SET GLOBAL read_only=1');
    await query('node2', 'SET GLOBAL read_only=0');
    expect((await ackRun(id)).status).toBe(200);
    await expect.poll(() => liveSnapshot('lab')?.findings.some((f) => f.code === 'action-interrupted'), { timeout: 15_000 }).toBe(false);
    await waitForStatus('node2 the only writer and holder', (s) => s.vipHolders.join() === 'node2' && s.nodes.filter((n) => n.readOnly === false).map((n) => n.name).join() === 'node2');
    await expect.poll(async () => failing((await dryRun('node1')).body), { timeout: 20_000 }).toEqual([]);
  }, 120_000);

  it('refuses a target whose replication is broken (error 1236)', async () => {
    await labFault('break-binlog', 'node1');
    const r = await runTo('node1');
    expect([r.status, r.body.error]).toEqual([409, 'preflight_failed']);
    expect(failing(r.body)).toContain('replication-to-target');
    expect(JSON.stringify(r.body.preflight)).toMatch(/IO error 1236/);
    expect(await pair()).toEqual({ holders: ['node2'], writable: ['node2'] });
  }, 60_000);
});
