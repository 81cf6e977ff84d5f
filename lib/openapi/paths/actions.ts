import type { z } from 'zod';
import { ZChecksumParamsSchema } from '@/lib/actions/checksum/definition';
import { ZDrillParamsSchema } from '@/lib/actions/drill/definition';
import { ZRepairParamsSchema } from '@/lib/actions/repair/params';
import { ZActionListQuerySchema, ZActionReportQuerySchema, ZActionRequestSchema } from '@/lib/actions/request-schema';
import type { TRunView } from '@/lib/actions/run-view';
import type { TDryRun } from '@/lib/actions/start-action';
import { ZSwitchoverParamsSchema } from '@/lib/actions/switchover/definition';
import { ZActionRefusalSchema, ZDryRunSchema, ZRunEnvelopeSchema, ZRunListSchema, ZRunReportSchema, ZRunViewSchema } from '@/lib/realtime/payloads';
import { exampleDryRun, exampleRun, exampleRunningRun } from '../examples';
import { body, errorBody, type TArea, type TOperation } from '../operation';

// The browser's reader schemas describe these answers; the server's types
// must be what they read.
const checks = {
  run: (r: TRunView): z.input<typeof ZRunViewSchema> => r,
  dryRun: (d: TDryRun): z.input<typeof ZDryRunSchema> => d,
};
void checks;

const RUN_ID = { id: 'the run’s id' };

// abort, acknowledge and restore: the same shape, their own refusal.
const runChange = (o: { path: string; summary: string; status: 200 | 202; refusal: string; reason: string }): TOperation => ({
  method: 'POST',
  path: o.path,
  summary: o.summary,
  auth: { kind: 'role', role: 'operator' },
  pathParams: RUN_ID,
  responses: { [o.status]: { description: 'The run, as it is now.', body: body(ZRunEnvelopeSchema, { run: { run: exampleRunningRun } }) } },
  errors: { 409: { description: o.refusal, body: errorBody({ [o.reason]: { error: o.reason, message: `run ${exampleRun.id} ${o.refusal}` } }) } },
});

export const actionsArea: TArea = {
  tag: 'actions',
  description:
    'Switchovers, failover drills, drift checks and repairs: a dry run returns the preflight and the exact plan; a run is confirmed by typing the cluster’s name. `params` depends on `kind`: SwitchoverParams, DrillParams, RepairParams or ChecksumParams.',
  components: {
    Run: ZRunViewSchema,
    DryRun: ZDryRunSchema,
    ActionRefusal: ZActionRefusalSchema,
    SwitchoverParams: ZSwitchoverParamsSchema,
    DrillParams: ZDrillParamsSchema,
    RepairParams: ZRepairParamsSchema,
    ChecksumParams: ZChecksumParamsSchema,
  },
  operations: [
    {
      method: 'POST',
      path: '/api/clusters/{name}/actions',
      summary: 'Dry-run or start an action',
      description:
        'With `dryRun: true`: 200 and the preflight and plan, nothing runs. With `confirm` set to the cluster’s name: 202 and the run (follow it with GET /api/actions/{id} or the `cluster:action` push). A drift check (`checksum`) is read-only and needs no confirmation. `force` (admin, with a `reason`) overrides the anti-flap window.',
      auth: { kind: 'role', role: 'operator' },
      pathParams: { name: 'the cluster’s name' },
      body: body(ZActionRequestSchema, {
        switchoverDryRun: { kind: 'switchover', params: { to: 'node2' }, dryRun: true },
        switchover: { kind: 'switchover', params: { to: 'node2' }, confirm: 'lab', reason: 'kernel update on node1' },
        drill: { kind: 'drill', params: { failure: 'stop-mysqld', node: 'node1', holdSeconds: 10 }, dryRun: true },
        repair: { kind: 'repair', params: { node: 'node2', strategy: 'reseed' }, dryRun: true },
        checksum: { kind: 'checksum', params: { schemas: ['app'] } },
      }),
      responses: {
        200: { description: 'The dry run: preflight checks, the plan, and whether it may run.', body: body(ZDryRunSchema, { switchover: exampleDryRun }) },
        202: { description: 'Started: the run, still running.', body: body(ZRunEnvelopeSchema, { started: { run: exampleRunningRun } }) },
      },
      errors: {
        409: {
          description: 'Refused: `preflight_failed` (with the checks), `action_in_progress` (with the run in the way) or `too_soon` (the anti-flap window, with `retryAfterSeconds`).',
          body: body(ZActionRefusalSchema, {
            inProgress: { error: 'action_in_progress', message: `run ${exampleRun.id} (switchover, by user:alice) is in progress on lab`, run: { id: exampleRun.id, kind: 'switchover', requestedBy: 'user:alice' } },
            tooSoon: { error: 'too_soon', message: 'the VIP of lab moved less than 60 s ago; retry in 42 s, or (admin) pass force with a reason', retryAfterSeconds: 42 },
          }),
        },
        503: {
          description: 'Several servers (docs/deployment.md): the cluster is watched by another server and the request could not be forwarded to it (Redis down or not configured, or that server did not answer), or no live server watches it right now (its server died seconds ago); `retryAfterSeconds` where a retry will do.',
          body: errorBody({ noWatcher: { error: 'unavailable', message: 'no live Tandem server watches lab right now (its server stopped a moment ago); retry in a few seconds', retryAfterSeconds: 5 } }),
        },
      },
    },
    {
      method: 'GET',
      path: '/api/clusters/{name}/actions',
      summary: 'The cluster’s runs, newest first',
      auth: { kind: 'role', role: 'viewer' },
      pathParams: { name: 'the cluster’s name' },
      query: { schema: ZActionListQuerySchema, describe: { limit: 'at most this many (1–500, default 50)', kind: 'only runs of this kind' } },
      responses: { 200: { description: 'The runs.', body: body(ZRunListSchema, { runs: { runs: [exampleRun] } }) } },
    },
    {
      method: 'GET',
      path: '/api/actions/{id}',
      summary: 'One run with its steps, result and the state it left',
      auth: { kind: 'role', role: 'viewer' },
      pathParams: RUN_ID,
      responses: { 200: { description: 'The run (a drill’s result is its report).', body: body(ZRunViewSchema, { switchover: exampleRun }) } },
    },
    {
      method: 'GET',
      path: '/api/actions/{id}/report',
      summary: 'The run with its raw evidence, as one document to keep',
      description: '`evidence` is what the run kept (a drill’s probe attempts, node samples, events and timeline), or null.',
      auth: { kind: 'role', role: 'viewer' },
      pathParams: RUN_ID,
      query: { schema: ZActionReportQuerySchema, describe: { download: '1: as an attachment (Content-Disposition), named after the run' } },
      responses: { 200: { description: 'The run and its evidence.', body: body(ZRunReportSchema, { switchover: { run: exampleRun, evidence: null } }) } },
    },
    runChange({ path: '/api/actions/{id}/abort', summary: 'Stop the run at its next safe point and undo', status: 202, refusal: 'is not running', reason: 'not_running' }),
    runChange({ path: '/api/actions/{id}/acknowledge', summary: 'Acknowledge an interrupted run: the operator has dealt with what it left', status: 200, refusal: 'is still running', reason: 'action_in_progress' }),
    runChange({ path: '/api/actions/{id}/restore', summary: 'A drill’s “Restore now”: end its hold and restore the node', status: 202, refusal: 'is not a running drill', reason: 'not_running' }),
  ],
};
