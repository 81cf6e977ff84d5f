import { hostname } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionPool } from '@/lib/actions/action-pool';
import type { TDrillReport } from '@/lib/actions/drill/report';
import { executeRun } from '@/lib/actions/execute-run';
import { recoverInterruptedRuns } from '@/lib/actions/recover-interrupted-runs';
import { processOwner } from '@/lib/actions/start-action';
import { StepFailure, type TActionContext, type TActionKind, type TStep } from '@/lib/actions/types';
import { getDb } from '@/lib/db/client';
import { createChannel } from '@/lib/notifications/create-channel';
import { createRule, deleteRule } from '@/lib/notifications/rules';
import { ZChannelCreateSchema, ZNotifyEventSchema, ZRuleCreateSchema } from '@/lib/notifications/schema';
import { api } from '../support/api';
import { sampleDoc } from '../support/fixtures';

// A run's end reaches the outbox from the two places a run ends: the engine
// (succeeded, failed, a drill's verdict) and start-up recovery (interrupted).
// The runs are stored the way startAction stores them and driven by the real
// engine; their steps touch no node, and the final state is read from no
// target, so no lab is needed. No notifier runs: the rows stay in the outbox.
let clusterId = '';
const ACTION_EVENTS = ['action-finished', 'action-failed', 'action-interrupted', 'drill-verdict'] as const;

const step = (key: string, run: TStep['run']): TStep => ({ key, title: `Step ${key}`, node: 'node1', commands: [], timeoutMs: 5000, undo: null, run });

const storeRun = async (kind: TActionKind, steps: TStep[], owner = processOwner()) => {
  const db = await getDb();
  const { id } = await db.actionRun.create({
    data: {
      clusterId,
      clusterName: 'lab',
      kind,
      params: '{}',
      status: 'running',
      activeKey: clusterId,
      requestedBy: 'token:test',
      owner,
      startedAt: new Date(),
      steps: { create: steps.map((s, position) => ({ position, key: s.key, title: s.title, node: s.node, commands: '[]', status: 'pending' })) },
    },
    select: { id: true },
  });
  return id;
};

const runToEnd = async (kind: TActionKind, steps: TStep[], result: () => Record<string, unknown> = () => ({})) => {
  const db = await getDb();
  const runId = await storeRun(kind, steps);
  const ctx: TActionContext = { db, pool: actionPool(db), cluster: { id: clusterId, name: 'lab', vip: '198.18.0.100' }, runId, targets: [], probe: null, memo: new Map(), log: () => undefined, pollNow: () => undefined };
  const status = await executeRun({ ctx, runId, kind, actor: 'token:test', steps, startedAt: Date.now(), result });
  return { runId, status };
};

// The outbox rows of one run: which channel, which kind, and the event as queued.
const outboxOf = async (runId: string) => {
  const db = await getDb();
  const channels = new Map((await db.notificationChannel.findMany({ select: { id: true, name: true } })).map((c) => [c.id, c.name]));
  const rows = await db.notificationEvent.findMany({ orderBy: { id: 'asc' } });
  return rows
    .map((r) => ({ channel: channels.get(r.channelId), kind: r.kind, severity: r.severity, messageId: r.messageId, event: ZNotifyEventSchema.parse(JSON.parse(r.payload)) }))
    .filter((r) => r.event.runId === runId);
};

describe('the end of an action run', () => {
  beforeAll(async () => {
    expect((await api('POST', '/api/clusters', { json: sampleDoc() })).status).toBe(201);
    const db = await getDb();
    clusterId = (await db.cluster.findUniqueOrThrow({ where: { name: 'lab' } })).id;
    for (const name of ['ops-hook', 'elsewhere-hook']) {
      await createChannel({ db, doc: ZChannelCreateSchema.parse({ name, type: 'webhook', url: `http://127.0.0.1:9/${name}`, secret: 'whsec-run-end-test-0123' }), createdBy: 'test' });
    }
    // Every run event, but for another cluster: never matches a run of lab.
    await createRule({ db, doc: ZRuleCreateSchema.parse({ name: 'other-cluster', events: [...ACTION_EVENTS], clusters: ['other'], channels: ['elsewhere-hook'] }), createdBy: 'test' });
  });

  it('queues nothing while no rule asks for it', async () => {
    const { runId, status } = await runToEnd('switchover', [step('a', async () => undefined)]);
    expect(status).toBe('succeeded');
    expect(await outboxOf(runId)).toEqual([]);
  });

  it('queues action-finished for a run that succeeded, for the channel of the rule that matches only', async () => {
    const db = await getDb();
    await createRule({ db, doc: ZRuleCreateSchema.parse({ name: 'runs', events: [...ACTION_EVENTS], clusters: ['lab'], channels: ['ops-hook'] }), createdBy: 'test' });
    const { runId, status } = await runToEnd('checksum', [step('a', async () => undefined), step('b', async () => undefined)]);
    expect(status).toBe('succeeded');
    const rows = await outboxOf(runId);
    expect(rows.map((r) => [r.channel, r.kind, r.severity, r.messageId])).toEqual([['ops-hook', 'action-finished', 'info', null]]);
    expect(rows[0]?.event).toMatchObject({ cluster: 'lab', code: 'checksum', runId, message: `checksum run ${runId.slice(0, 8)} finished` });
  });

  it('queues action-failed, with the failed step and its reason, for a run that failed', async () => {
    const { runId, status } = await runToEnd('repair', [
      step('stop', async () => undefined),
      step('catch-up', async () => {
        throw new StepFailure('replication did not catch up within 60 s');
      }),
      step('never', async () => undefined),
    ]);
    expect(status).toBe('failed');
    const rows = await outboxOf(runId);
    expect(rows.map((r) => [r.channel, r.kind, r.severity])).toEqual([['ops-hook', 'action-failed', 'warning']]);
    expect(rows[0]?.event.message).toBe(`repair run ${runId.slice(0, 8)} failed: Step catch-up: replication did not catch up within 60 s`);
  });

  it('queues a drill\'s verdict beside its end, with the figures and the reasons it failed', async () => {
    const report: TDrillReport = {
      failure: 'stop-mysqld',
      node: 'node1',
      injectedAt: new Date().toISOString(),
      injectCommandMs: 120,
      newHolder: 'node2',
      detectedMs: 900,
      vipMovedMs: 3100,
      writeOutageMs: 4200,
      readOutageMs: 3300,
      writes: { attempted: 400, acknowledged: 380, lost: 2, duplicated: 0, ambiguous: 1 },
      maxHolders: 1,
      maxWritable: 1,
      twoHoldersMs: 0,
      twoWritableMs: 0,
      restoredMs: 15_000,
      caughtUpMs: 16_000,
      vipReturned: false,
      verdict: 'failed',
      reasons: ['acknowledged writes were lost', 'the VIP did not return to node1'],
    };
    const { runId, status } = await runToEnd('drill', [step('inject', async () => undefined)], () => ({ ...report }));
    expect(status).toBe('succeeded');
    const rows = await outboxOf(runId);
    expect(rows.map((r) => [r.channel, r.kind, r.severity])).toEqual([
      ['ops-hook', 'action-finished', 'info'],
      ['ops-hook', 'drill-verdict', 'critical'],
    ]);
    expect(rows[1]?.event).toMatchObject({ node: 'node1', runId, message: 'drill stop-mysqld on node1 failed, writes stopped 4.2 s, 2 acknowledged writes lost: acknowledged writes were lost; the VIP did not return to node1' });
  });

  it('queues action-interrupted when start-up recovery finds a run whose process died', async () => {
    const runId = await storeRun('switchover', [step('flush-tables', async () => undefined), step('move-vip', async () => undefined)], `${hostname()}:999999999`);
    expect(await recoverInterruptedRuns(await getDb())).toBe(1);
    const rows = await outboxOf(runId);
    expect(rows.map((r) => [r.channel, r.kind, r.severity])).toEqual([['ops-hook', 'action-interrupted', 'critical']]);
    expect(rows[0]?.event.message).toMatch(new RegExp(`^switchover run ${runId.slice(0, 8)} was interrupted: interrupted before its first step completed`));
    expect(rows[0]?.event.advice).toMatch(/does not resume by itself/);
  });

  it('queues nothing once the matching rule is gone, whatever the outcome', async () => {
    await deleteRule({ db: await getDb(), name: 'runs' });
    const failed = await runToEnd('switchover', [
      step('a', async () => {
        throw new StepFailure('no');
      }),
    ]);
    expect(failed.status).toBe('failed');
    const interrupted = await storeRun('switchover', [step('a', async () => undefined)], `${hostname()}:999999998`);
    expect(await recoverInterruptedRuns(await getDb())).toBe(1);
    expect([...(await outboxOf(failed.runId)), ...(await outboxOf(interrupted))]).toEqual([]);
  });
});
