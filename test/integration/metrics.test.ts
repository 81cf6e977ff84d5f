import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { countSshReconnect } from '@/lib/metrics/count-ssh-reconnect';
import { forgetClusterMetrics } from '@/lib/metrics/forget-cluster-metrics';
import { observePoll } from '@/lib/metrics/observe-poll';
import { recordNotificationDelivery } from '@/lib/metrics/record-notification-delivery';
import { api } from '../support/api';
import { sampleDoc } from '../support/fixtures';
import { samplesOf, valueOf } from '../support/exposition';
import { scrape } from '../support/metrics';

// GET /metrics through the real route handler and database: who may scrape,
// the families it always has, action runs counted from the stored runs, and
// the hook-fed counters.
const FAMILIES = [
  'tandem_vip_held', 'tandem_vip_holders', 'tandem_node_reachable', 'tandem_mysql_up', 'tandem_replication_io_running', 'tandem_replication_sql_running',
  'tandem_replication_lag_seconds', 'tandem_heartbeat_lag_seconds', 'tandem_read_only', 'tandem_keepalived_state', 'tandem_findings', 'tandem_snapshot_age_seconds',
  'tandem_poll_duration_seconds', 'tandem_ssh_reconnects_total', 'tandem_action_runs_total', 'tandem_action_run_duration_seconds', 'tandem_notification_deliveries_total',
  'tandem_db_writes_total', 'process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds',
];

const insertRun = async (clusterId: string, kind: string, status: string, seconds: number | null) => {
  const startedAt = new Date(Date.now() - 3_600_000);
  await (await getDb()).actionRun.create({
    data: { clusterId, clusterName: 'lab', kind, params: '{}', status, activeKey: null, requestedBy: 'token:test', owner: 'test:1', startedAt, endedAt: seconds === null ? null : new Date(startedAt.getTime() + seconds * 1000) },
  });
};

describe('GET /metrics', () => {
  beforeAll(async () => {
    expect((await api('POST', '/api/clusters', { json: sampleDoc() })).status).toBe(201);
  });

  it('needs a token: 401 without one, 200 in Prometheus text format for a viewer', async () => {
    const anonymous = await scrape('nobody');
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text)).toMatchObject({ error: 'unauthorized' });
    const viewer = await scrape('viewer');
    expect(viewer.status).toBe(200);
    expect(viewer.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    for (const name of FAMILIES) expect(viewer.families.has(name), name).toBe(true);
    // Every family carries its type and help, as a Prometheus server reads them.
    expect(viewer.families.get('tandem_action_runs_total')?.type).toBe('COUNTER');
    expect(viewer.families.get('tandem_poll_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(viewer.families.get('tandem_vip_held')?.help).toMatch(/VIP/);
    // The cluster created above was written through Prisma, and counted.
    expect(valueOf(viewer.series, 'tandem_db_writes_total', { model: 'Cluster', operation: 'create' })).toBeGreaterThanOrEqual(1);
  });

  it('counts ended action runs from the database by cluster, kind and outcome, with their durations', async () => {
    const db = await getDb();
    const { id } = await db.cluster.findUniqueOrThrow({ where: { name: 'lab' } });
    await insertRun(id, 'switchover', 'succeeded', 4);
    await insertRun(id, 'switchover', 'succeeded', 6);
    await insertRun(id, 'switchover', 'failed', 20);
    await insertRun(id, 'drill', 'interrupted', 90);
    // Still running: not an outcome yet. An unknown kind (an older Tandem's) is left out.
    await insertRun(id, 'checksum', 'running', null);
    await insertRun(id, 'retired-kind', 'succeeded', 1);
    const { series } = await scrape();
    const runs = (kind: string, outcome: string) => valueOf(series, 'tandem_action_runs_total', { cluster: 'lab', kind, outcome });
    expect([runs('switchover', 'succeeded'), runs('switchover', 'failed'), runs('drill', 'interrupted'), runs('checksum', 'succeeded'), runs('repair', 'aborted')]).toEqual([2, 1, 1, 0, 0]);
    // Every kind × outcome exists from the start (so a first failure is an increase).
    expect(samplesOf(series, 'tandem_action_runs_total', { cluster: 'lab' })).toHaveLength(4 * 4);
    expect(samplesOf(series, 'tandem_action_runs_total', { kind: 'retired-kind' })).toEqual([]);
    const switchovers = { kind: 'switchover', outcome: 'succeeded' };
    expect([valueOf(series, 'tandem_action_run_duration_seconds_count', switchovers), valueOf(series, 'tandem_action_run_duration_seconds_sum', switchovers)]).toEqual([2, 10]);
    expect([valueOf(series, 'tandem_action_run_duration_seconds_bucket', { ...switchovers, le: '5' }), valueOf(series, 'tandem_action_run_duration_seconds_bucket', { ...switchovers, le: '10' })]).toEqual([1, 2]);
    expect(valueOf(series, 'tandem_action_run_duration_seconds_count', { kind: 'repair', outcome: 'failed' })).toBe(0);
    // They are read from the database: a second scrape counts the same, not twice.
    expect(valueOf((await scrape()).series, 'tandem_action_runs_total', { cluster: 'lab', kind: 'switchover', outcome: 'succeeded' })).toBe(2);
  });

  it('counts notification deliveries by channel type and outcome, a free-text channel type as "other"', async () => {
    recordNotificationDelivery('email', 'delivered');
    recordNotificationDelivery('email', 'delivered');
    recordNotificationDelivery('webhook', 'retrying');
    recordNotificationDelivery('Ops "pager"\n{x}', 'failed');
    const { series, text } = await scrape();
    const deliveries = (channel_type: string, outcome: string) => valueOf(series, 'tandem_notification_deliveries_total', { channel_type, outcome });
    expect([deliveries('email', 'delivered'), deliveries('webhook', 'retrying'), deliveries('other', 'failed')]).toEqual([2, 1, 1]);
    expect(text).not.toContain('pager');
  });

  it('exports poll durations and SSH reconnects per node until the cluster is forgotten', async () => {
    observePoll({ cluster: 'lab', node: 'node1', seconds: 0.02, outcome: 'ok' });
    observePoll({ cluster: 'lab', node: 'node1', seconds: 5, outcome: 'unreachable' });
    countSshReconnect({ cluster: 'lab', node: 'node1' });
    let { series } = await scrape();
    const ok = { cluster: 'lab', node: 'node1', outcome: 'ok' };
    expect([valueOf(series, 'tandem_poll_duration_seconds_count', ok), valueOf(series, 'tandem_poll_duration_seconds_bucket', { ...ok, le: '0.025' }), valueOf(series, 'tandem_poll_duration_seconds_bucket', { ...ok, le: '0.01' })]).toEqual([1, 1, 0]);
    expect(valueOf(series, 'tandem_poll_duration_seconds_count', { ...ok, outcome: 'unreachable' })).toBe(1);
    expect(valueOf(series, 'tandem_ssh_reconnects_total', { cluster: 'lab', node: 'node1' })).toBe(1);
    forgetClusterMetrics('lab');
    ({ series } = await scrape());
    expect(samplesOf(series, 'tandem_poll_duration_seconds_count', { cluster: 'lab' })).toEqual([]);
    expect(samplesOf(series, 'tandem_ssh_reconnects_total', { cluster: 'lab' })).toEqual([]);
  });
});
