import { hostname } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionHub } from '@/lib/actions/action-hub';
import { recoverInterruptedRuns } from '@/lib/actions/recover-interrupted-runs';
import { getDb } from '@/lib/db/client';
import { abortRun, ackRun, getRun, listRuns, postAction } from '../support/actions-api';
import { api } from '../support/api';
import { sampleDoc } from '../support/fixtures';

// The engine's bookkeeping without a lab: the database lock, start-up
// recovery of runs whose process died, and the routes' refusals.
let clusterId = '';

const insertRun = async (owner: string, extra: { activeKey?: string | null; status?: string } = {}) =>
  (await getDb()).actionRun.create({
    data: {
      clusterId,
      clusterName: 'lab',
      kind: 'switchover',
      params: JSON.stringify({ to: 'node2' }),
      status: extra.status ?? 'running',
      activeKey: extra.activeKey === undefined ? clusterId : extra.activeKey,
      requestedBy: 'token:test',
      owner,
      startedAt: new Date(),
      steps: {
        create: [
          { position: 0, key: 'flush-tables', title: 'Flush tables on node1', node: 'node1', commands: '[]', status: 'succeeded' },
          { position: 1, key: 'source-read-only', title: 'Stop writes on node1 (read_only=ON)', node: 'node1', commands: '[]', status: 'succeeded' },
          { position: 2, key: 'source-frozen', title: "Prove node1's binary log is frozen", node: 'node1', commands: '[]', status: 'running' },
          { position: 3, key: 'move-vip', title: 'Move the VIP to node2', node: 'node1', commands: '[]', status: 'pending' },
        ],
      },
    },
  });

describe('action runs', () => {
  beforeAll(async () => {
    expect((await api('POST', '/api/clusters', { json: sampleDoc() })).status).toBe(201);
    clusterId = (await (await getDb()).cluster.findUniqueOrThrow({ where: { name: 'lab' } })).id;
  });

  it('holds one active run per cluster in the database, across processes', async () => {
    const first = await insertRun(`${hostname()}:${process.ppid}`);
    await expect(insertRun('elsewhere:1')).rejects.toMatchObject({ code: 'P2002' });
    // A live process's run is not touched by recovery.
    expect(await recoverInterruptedRuns(await getDb())).toBe(0);
    expect((await getRun(first.id)).status).toBe('running');
    // Nor by a second request, which is refused before any node is contacted.
    const r = await postAction('lab', { kind: 'switchover', params: { to: 'node2' }, confirm: 'lab' }, 'operator');
    expect([r.status, r.body.error, (r.body.run as { id: string }).id]).toEqual([409, 'action_in_progress', first.id]);
    // Abort is recorded for the owning process to honour.
    expect((await abortRun(first.id, 'viewer')).status).toBe(403);
    expect((await abortRun(first.id)).status).toBe(202);
    expect((await getRun(first.id)).abortRequested).toBe(true);
    await (await getDb()).actionRun.update({ where: { id: first.id }, data: { status: 'aborted', activeKey: null, endedAt: new Date(), finalState: JSON.stringify({ vipHolders: ['node1'], writable: ['node1'], nodes: [] }) } });
    expect((await abortRun(first.id)).body.error).toBe('not_running');
  });

  it('marks a run whose process died as interrupted at start-up, with advice for the step it stopped at, and never resumes it', async () => {
    const run = await insertRun(`${hostname()}:999999999`);
    expect(await recoverInterruptedRuns(await getDb())).toBe(1);
    const view = await getRun(run.id);
    expect(view.status).toBe('interrupted');
    expect(view.error).toMatch(/after "Stop writes on node1 \(read_only=ON\)" during "Prove node1's binary log is frozen"/);
    expect(view.error).toMatch(/node1 may be read-only while it still holds the VIP/);
    expect(view.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'skipped', 'skipped']);
    // The lock is free, and the cluster carries a critical finding until acknowledged.
    expect((await (await getDb()).actionRun.findFirst({ where: { activeKey: clusterId } }))).toBeNull();
    expect(actionHub().interrupted.get('lab')?.map((f) => [f.code, f.severity])).toEqual([['action-interrupted', 'critical']]);
    expect((await ackRun(run.id, 'viewer')).status).toBe(403);
    const acked = await ackRun(run.id);
    expect(acked.status).toBe(200);
    expect(actionHub().interrupted.get('lab')).toBeUndefined();
    expect((await getRun(run.id)).acknowledgedAt).not.toBeNull();
  });

  it('leaves a run of another host alone while it is active, and interrupts it after ten silent minutes', async () => {
    const db = await getDb();
    const run = await insertRun('another-host:4242');
    expect(await recoverInterruptedRuns(db)).toBe(0);
    await db.actionRun.update({ where: { id: run.id }, data: { startedAt: new Date(Date.now() - 11 * 60_000) } });
    expect(await recoverInterruptedRuns(db)).toBe(1);
    expect((await getRun(run.id)).status).toBe('interrupted');
    expect((await ackRun(run.id)).status).toBe(200);
  });

  it('lists runs newest first, of one kind when asked, and answers 404 for unknown or malformed ids', async () => {
    const runs = (await listRuns('lab')).body.runs as { status: string }[];
    expect(runs.map((r) => r.status)).toEqual(['interrupted', 'aborted', 'interrupted']);
    expect(((await listRuns('lab', 'viewer', '&kind=switchover')).body.runs as unknown[]).length).toBe(3);
    expect((await listRuns('lab', 'viewer', '&kind=drill')).body.runs).toEqual([]);
    expect((await listRuns('lab', 'viewer', '&kind=reboot')).status).toBe(400);
    await expect(getRun('00000000-0000-0000-0000-000000000000')).rejects.toThrow(/404/);
    await expect(getRun('../../etc')).rejects.toThrow(/404/);
    expect((await listRuns('nope')).status).toBe(404);
  });
});
