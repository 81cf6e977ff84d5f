import type { z } from 'zod';
import type { ZExportedClusterSchema, ZPublicClusterSchema } from '@/lib/clusters/public-schema';
import type { ZClusterStateSchema } from '@/lib/collector/state-schema';
import type { ZDryRunSchema, ZRunViewSchema } from '@/lib/realtime/payloads';

// Examples shared by several operations: the lab pair as Tandem shows it.
// Typed by the schemas they illustrate; the tests parse each with its schema.

export const FINGERPRINT = 'SHA256:uFTc4m2ZHbQ3bOqU5Qq9kGmVb0u6qxS3ZC1b3C1q3qA';

export const exampleCluster = {
  name: 'lab',
  vip: '198.18.0.100',
  description: 'the lab pair',
  virtualRouterId: 51,
  lagThresholdSeconds: 30,
  switchoverCooldownSeconds: 60,
  heartbeat: true,
  probe: { user: 'probe' },
  nodes: [
    { name: 'node1', host: '198.18.0.11', ssh: { port: 22, user: 'root', hostKeyFingerprint: FINGERPRINT }, mysql: { port: 3306, user: 'tandem' }, services: null },
    { name: 'node2', host: '198.18.0.12', ssh: { port: 22, user: 'root', hostKeyFingerprint: null }, mysql: { port: 3306, user: 'tandem' }, services: { stopMysql: 'systemctl stop mariadb', startMysql: 'systemctl start mariadb' } },
  ],
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-02T14:30:00.000Z',
} satisfies z.input<typeof ZPublicClusterSchema>;

export const exampleExport = {
  name: 'lab',
  vip: '198.18.0.100',
  description: 'the lab pair',
  virtualRouterId: 51,
  lagThresholdSeconds: 30,
  switchoverCooldownSeconds: 60,
  heartbeat: true,
  probe: { user: 'probe' },
  nodes: [
    { name: 'node1', host: '198.18.0.11', ssh: { port: 22, user: 'root', hostKeyFingerprint: FINGERPRINT }, mysql: { port: 3306, user: 'tandem' } },
    { name: 'node2', host: '198.18.0.12', ssh: { port: 22, user: 'root' }, mysql: { port: 3306, user: 'tandem' } },
  ],
} satisfies z.input<typeof ZExportedClusterSchema>;

const replication = (source: string) => ({
  channelName: null,
  slaveIoState: 'Waiting for master to send event',
  ioRunning: 'Yes',
  sqlRunning: 'Yes',
  sqlRunningState: 'Slave has read all relay log; waiting for more updates',
  secondsBehindSource: 0,
  sourceHost: source,
  sourcePort: 3306,
  sourceUser: 'repl',
  sourceServerId: source === '198.18.0.11' ? 1 : 2,
  sourceUuid: null,
  sourceLogFile: 'mysql-bin.000004',
  readSourceLogPos: 1402,
  relaySourceLogFile: 'mysql-bin.000004',
  execSourceLogPos: 1402,
  relayLogFile: 'relay-bin.000006',
  relayLogPos: 701,
  lastIoErrno: 0,
  lastIoError: null,
  lastIoErrorTimestamp: null,
  lastSqlErrno: 0,
  lastSqlError: null,
  lastSqlErrorTimestamp: null,
  sqlDelay: 0,
  sqlRemainingDelay: null,
  replicateIgnoreServerIds: null,
  gtidIoPos: '0-1-120,0-2-88',
  retrievedGtidSet: null,
  executedGtidSet: null,
  flavor: 'mariadb' as const,
  usingGtid: 'Slave_Pos',
});

const node = (n: 1 | 2, holdsVip: boolean) => ({
  name: `node${n}`,
  host: `198.18.0.1${n}`,
  reachable: true,
  error: null,
  hostname: `node${n}`,
  version: '10.11.6-MariaDB-0+deb12u1-log',
  serverId: n,
  readOnly: !holdsVip,
  binlog: { file: 'mysql-bin.000004', position: 1402 },
  gtidPosition: '0-1-120,0-2-88',
  replication: replication(n === 1 ? '198.18.0.12' : '198.18.0.11'),
  keepalived: { running: true, state: holdsVip ? 'MASTER' : 'BACKUP', since: '2026-12-02T14:00:03.120Z', priority: holdsVip ? 101 : 99 },
  holdsVip,
  lagSeconds: 0,
  heartbeatLagSeconds: 0.2,
  parseErrors: [],
  pollMs: 48,
  observedAt: '2026-12-02T14:31:07.512Z',
});

export const exampleState = {
  cluster: 'lab',
  vip: { address: '198.18.0.100', holders: ['node1'] },
  nodes: [node(1, true), node(2, false)],
  findings: [],
  observedAt: '2026-12-02T14:31:07.512Z',
  summary: { status: 'healthy', vip: 'held', splitBrain: false, ageMs: 412, stale: false },
} satisfies z.input<typeof ZClusterStateSchema>;

export const exampleRun = {
  id: '3f0c9a52-8d7e-4c1b-9a55-2f1de0b7c6a1',
  kind: 'switchover',
  cluster: 'lab',
  params: { to: 'node2' },
  status: 'succeeded',
  requestedBy: 'user:alice',
  force: false,
  reason: 'kernel update on node1',
  abortRequested: false,
  restoreRequested: false,
  startedAt: '2026-12-02T14:40:00.000Z',
  endedAt: '2026-12-02T14:40:04.801Z',
  steps: [
    {
      position: 0,
      key: 'fence-source',
      title: 'Make node1 read-only',
      node: 'node1',
      status: 'succeeded',
      startedAt: '2026-12-02T14:40:00.102Z',
      endedAt: '2026-12-02T14:40:00.161Z',
      commands: ['SET GLOBAL read_only = ON'],
      output: '',
    },
  ],
  result: { from: 'node1', to: 'node2', writeBlockMs: 1197, vipMoveMs: 212, durationMs: 4801 },
  error: null,
  finalState: {
    vipHolders: ['node2'],
    writable: ['node2'],
    nodes: [
      { node: 'node1', reachable: true, holdsVip: false, readOnly: true, ioRunning: 'Yes', sqlRunning: 'Yes', lastError: null },
      { node: 'node2', reachable: true, holdsVip: true, readOnly: false, ioRunning: 'Yes', sqlRunning: 'Yes', lastError: null },
    ],
  },
  acknowledgedAt: null,
} satisfies z.input<typeof ZRunViewSchema>;

export const exampleRunningRun = { ...exampleRun, status: 'running', endedAt: null, result: null, finalState: null } satisfies z.input<typeof ZRunViewSchema>;

export const exampleDryRun = {
  plan: {
    steps: [
      { key: 'fence-source', title: 'Make node1 read-only', node: 'node1', commands: ['SET GLOBAL read_only = ON'], timeoutMs: 5000, undo: ['SET GLOBAL read_only = OFF'] },
      { key: 'move-vip', title: 'Move the VIP to node2', node: 'node2', commands: ['touch /etc/keepalived/tandem-track'], timeoutMs: 10000, undo: null },
    ],
  },
  preflight: [
    { check: 'replication-running', ok: true, severity: 'block', detail: 'both directions run' },
    { check: 'lag', ok: true, severity: 'block', detail: 'node2 is 0 s behind' },
  ],
  allowed: true,
} satisfies z.input<typeof ZDryRunSchema>;
