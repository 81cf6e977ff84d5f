import { z } from 'zod';
import { ZEventsQuerySchema, ZLagQuerySchema } from '@/lib/collector/history-query';
import { ZClusterStateSchema } from '@/lib/collector/state-schema';
import type { TClusterEvent } from '@/lib/collector/snapshot';
import { ZDiagnosisSchema } from '@/lib/repair/diagnosis-schema';
import type { TClusterDiagnosis } from '@/lib/repair/types';
import { ZEventListSchema, ZLagHistorySchema, type TLagHistory } from '@/lib/realtime/payloads';
import { exampleState } from '../examples';
import { body, errorBody, type TArea } from '../operation';

// The browser's reader schemas describe these answers; the server's types
// must be what they read.
const checks = {
  events: (e: TClusterEvent[]): z.input<typeof ZEventListSchema>['events'] => e,
  lag: (l: TLagHistory): z.input<typeof ZLagHistorySchema> => l,
  diagnosis: (d: TClusterDiagnosis): z.input<typeof ZDiagnosisSchema> => d,
};
void checks;

const NAME = { name: 'the cluster’s name' };
const TIME = 'ISO 8601 time or epoch milliseconds';

export const observationsArea: TArea = {
  tag: 'observations',
  description: 'What the collector saw: the live state, its history, and a fresh diagnosis of broken replication.',
  components: { ClusterState: ZClusterStateSchema, Diagnosis: ZDiagnosisSchema },
  operations: [
    {
      method: 'GET',
      path: '/api/clusters/{name}/state',
      summary: 'The latest observed state and what it means',
      description: '`summary` is decided by the same rules as the UI and `tandem status`. The same document is pushed over Socket.IO as `cluster:state`.',
      auth: { kind: 'role', role: 'viewer' },
      pathParams: NAME,
      responses: { 200: { description: 'The state.', body: body(ZClusterStateSchema, { healthy: exampleState }) } },
      errors: { 404: { description: 'No such cluster, or not observed yet (`not_observed`).', body: errorBody({ notObserved: { error: 'not_observed', message: 'cluster "lab" has not been observed yet' } }) } },
    },
    {
      method: 'GET',
      path: '/api/clusters/{name}/diagnosis',
      summary: 'Why each node’s replication is not running cleanly, and the repair options',
      description: 'Read now from the nodes over SSH (read-only), as a repair’s preflight does.',
      auth: { kind: 'role', role: 'viewer' },
      pathParams: NAME,
      responses: {
        200: {
          description: 'One entry per node whose replication is not running; `unreadable` lists nodes that could not be read.',
          body: body(ZDiagnosisSchema, {
            duplicateKey: {
              cluster: 'lab',
              checkedAt: '2026-12-02T15:00:00.000Z',
              nodes: [
                {
                  node: 'node2',
                  source: 'node1',
                  thread: 'sql',
                  errno: 1062,
                  error: "Could not execute Write_rows_v1 event on table app.orders; Duplicate entry '42' for key 'PRIMARY'",
                  cause: { code: 'duplicate-key', explanation: 'The row the event inserts already exists on node2.' },
                  options: [
                    { strategy: 'reseed', risk: 'none', explanation: 'Copy node1’s data to node2, then restart replication at the copy’s position.', recommended: true, blockedBy: [] },
                    { strategy: 'skip-one', risk: 'drift', explanation: 'Skip the failing event; the rows stay different.', recommended: false, needsAcknowledgement: true, blockedBy: [] },
                  ],
                  evidence: { schema: 'app', table: 'orders', key: { id: '42' }, event: 'INSERT INTO app.orders (id, total) VALUES (42, 10.00)', rows: [{ node: 'node1', row: { id: '42', total: '10.00' } }, { node: 'node2', row: { id: '42', total: '12.50' } }] },
                },
              ],
              unreadable: [],
            },
          }),
        },
      },
    },
    {
      method: 'GET',
      path: '/api/clusters/{name}/events',
      summary: 'VIP moves, replication and finding changes, keepalived transitions',
      auth: { kind: 'role', role: 'viewer' },
      pathParams: NAME,
      query: { schema: ZEventsQuerySchema, describe: { since: `${TIME}; default: an hour ago`, limit: 'at most this many (1–5000, default 500)', kind: 'one or more event kinds, comma-separated' } },
      responses: {
        200: {
          description: 'The events since then.',
          body: body(ZEventListSchema, { vipMoved: { events: [{ at: '2026-12-02T14:40:01.311Z', kind: 'vip-moved', node: 'node2', severity: 'info', message: 'VIP 198.18.0.100 moved from node1 to node2', data: { from: ['node1'], to: ['node2'] } }] } }),
        },
      },
    },
    {
      method: 'GET',
      path: '/api/clusters/{name}/lag',
      summary: 'Lag samples per node',
      auth: { kind: 'role', role: 'viewer' },
      pathParams: NAME,
      query: { schema: ZLagQuerySchema, describe: { from: `${TIME}; default: 15 minutes before \`to\``, to: `${TIME}; default: now` } },
      responses: {
        200: {
          description: 'Seconds_Behind_Master and the heartbeat’s lag, per node.',
          body: body(ZLagHistorySchema, {
            samples: { from: '2026-12-02T14:15:00.000Z', to: '2026-12-02T14:30:00.000Z', series: [{ node: 'node2', points: [{ at: '2026-12-02T14:15:01.000Z', secondsBehind: 0, heartbeatLagSeconds: 0.2 }] }] },
          }),
        },
      },
    },
  ],
};
