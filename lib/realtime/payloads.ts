import * as z from 'zod/mini';
import { RUN_STATUSES } from '@/lib/actions/types';
import { EVENT_KINDS } from '@/lib/collector/snapshot';

// What the browser accepts from the lag/events APIs and from Socket.IO pushes.
// zod/mini: the same checks at a fraction of the bundle size on the page.
const ZLagPointSchema = z.object({ at: z.string(), secondsBehind: z.nullable(z.number()), heartbeatLagSeconds: z.nullable(z.number()) });

export const ZLagHistorySchema = z.object({
  from: z.string(),
  to: z.string(),
  series: z.array(z.object({ node: z.string(), points: z.array(ZLagPointSchema) })),
});

export const ZLagPushSchema = z.extend(ZLagPointSchema, { cluster: z.string(), node: z.string() });

export const ZEventSchema = z.object({
  at: z.string(),
  kind: z.enum(EVENT_KINDS),
  node: z.nullable(z.string()),
  severity: z.nullable(z.string()),
  message: z.string(),
  data: z.optional(z.record(z.string(), z.unknown())),
});

export const ZEventPushSchema = z.extend(ZEventSchema, { cluster: z.string() });
export const ZEventListSchema = z.object({ events: z.array(ZEventSchema) });

const ZLogLineSchema = z.object({ seq: z.number(), at: z.string(), node: z.string(), line: z.string() });
export const ZLogPushSchema = z.object({ cluster: z.string(), lines: z.array(ZLogLineSchema) });

export const ZHelloSchema = z.object({ server: z.literal('tandem'), version: z.string(), time: z.string() });

export type TLagHistory = z.infer<typeof ZLagHistorySchema>;

// Actions: a run as pushed (`cluster:action`) and served by the actions API,
// a dry run, and the refusals the page explains.
const ZStepViewSchema = z.object({
  position: z.number(),
  key: z.string(),
  title: z.string(),
  node: z.nullable(z.string()),
  status: z.enum(['pending', 'running', 'succeeded', 'warning', 'failed', 'skipped', 'undone', 'undo-failed']),
  startedAt: z.nullable(z.string()),
  endedAt: z.nullable(z.string()),
  commands: z.array(z.string()),
  output: z.string(),
});

const ZFinalStateSchema = z.object({
  vipHolders: z.array(z.string()),
  writable: z.array(z.string()),
  nodes: z.array(
    z.object({
      node: z.string(),
      reachable: z.boolean(),
      holdsVip: z.nullable(z.boolean()),
      readOnly: z.nullable(z.boolean()),
      ioRunning: z.nullable(z.string()),
      sqlRunning: z.nullable(z.string()),
      lastError: z.nullable(z.string()),
    }),
  ),
});

export const ZRunViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  cluster: z.string(),
  params: z.record(z.string(), z.unknown()),
  status: z.enum(RUN_STATUSES),
  requestedBy: z.string(),
  force: z.boolean(),
  reason: z.nullable(z.string()),
  abortRequested: z.boolean(),
  restoreRequested: z.boolean(),
  startedAt: z.string(),
  endedAt: z.nullable(z.string()),
  steps: z.array(ZStepViewSchema),
  result: z.nullable(z.record(z.string(), z.unknown())),
  error: z.nullable(z.string()),
  finalState: z.nullable(ZFinalStateSchema),
  acknowledgedAt: z.nullable(z.string()),
});

export const ZRunListSchema = z.object({ runs: z.array(ZRunViewSchema) });
export const ZRunEnvelopeSchema = z.object({ run: ZRunViewSchema });

// The summary fields a switchover stores in `result` (written by the engine as free JSON).
export const ZSwitchoverResultSchema = z.object({
  from: z.optional(z.nullable(z.string())),
  to: z.optional(z.string()),
  writeBlockMs: z.optional(z.nullable(z.number())),
  vipMoveMs: z.optional(z.nullable(z.number())),
  durationMs: z.optional(z.nullable(z.number())),
  warnings: z.optional(z.array(z.string())),
  undoFailed: z.optional(z.boolean()),
});

// What the engine adds to any kind's `result` when a step warned or an undo failed.
export const ZRunResultCommonSchema = z.object({ warnings: z.optional(z.array(z.string())), undoFailed: z.optional(z.boolean()) });

// A drill's report, its run's `result` (lib/actions/drill/report.ts
// TDrillReport and what the definition adds). Times in ms from the injection.
const ZMsSchema = z.nullable(z.number());
export const ZDrillReportSchema = z.object({
  failure: z.string(),
  node: z.string(),
  injectedAt: z.nullable(z.string()),
  injectCommandMs: z.optional(ZMsSchema),
  newHolder: z.nullable(z.string()),
  detectedMs: ZMsSchema,
  vipMovedMs: ZMsSchema,
  writeOutageMs: ZMsSchema,
  readOutageMs: ZMsSchema,
  writes: z.object({ attempted: z.number(), acknowledged: z.number(), lost: ZMsSchema, duplicated: ZMsSchema, ambiguous: ZMsSchema }),
  maxHolders: z.number(),
  maxWritable: z.number(),
  twoHoldersMs: z.number(),
  twoWritableMs: z.number(),
  restoredMs: ZMsSchema,
  caughtUpMs: ZMsSchema,
  vipReturned: z.nullable(z.boolean()),
  verdict: z.nullable(z.enum(['passed', 'failed'])),
  reasons: z.array(z.string()),
  probeRunId: z.optional(z.string()),
  hold: z.optional(z.number()),
  writesPerSecond: z.optional(z.number()),
  durationMs: z.optional(z.number()),
  warnings: z.optional(z.array(z.string())),
  undoFailed: z.optional(z.boolean()),
});

// What the report page draws (TDrillTimeline): ms from the injection,
// buckets of [ok writes, failed writes, ok reads, failed reads].
export const ZDrillTimelineSchema = z.object({
  bucketMs: z.number(),
  start: z.number(),
  buckets: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()])),
  segments: z.array(z.object({ from: z.number(), to: z.number(), holders: z.array(z.string()), writable: z.array(z.string()) })),
  events: z.array(z.object({ t: z.number(), kind: z.string(), node: z.nullable(z.string()), severity: z.nullable(z.string()), message: z.string() })),
  marks: z.array(z.object({ t: z.number(), label: z.string() })),
});

// GET /api/actions/:id/report; only the timeline of the evidence is read here.
export const ZRunReportSchema = z.object({ run: ZRunViewSchema, evidence: z.nullable(z.object({ timeline: z.optional(ZDrillTimelineSchema) })) });

const ZPreflightCheckSchema = z.object({ check: z.string(), ok: z.boolean(), severity: z.enum(['block', 'warn']), detail: z.string() });

export const ZDryRunSchema = z.object({
  plan: z.object({
    steps: z.array(z.object({ key: z.string(), title: z.string(), node: z.nullable(z.string()), commands: z.array(z.string()), timeoutMs: z.number(), undo: z.nullable(z.array(z.string())) })),
  }),
  preflight: z.array(ZPreflightCheckSchema),
  allowed: z.boolean(),
});

export const ZActionRefusalSchema = z.object({
  error: z.string(),
  message: z.optional(z.string()),
  retryAfterSeconds: z.optional(z.number()),
  run: z.optional(z.object({ id: z.string(), kind: z.string(), requestedBy: z.string() })),
  preflight: z.optional(z.array(ZPreflightCheckSchema)),
});

export type TRunPush = z.infer<typeof ZRunViewSchema>;
export type TStepPush = TRunPush['steps'][number];
export type TFinalStatePush = NonNullable<TRunPush['finalState']>;
export type TDryRun = z.infer<typeof ZDryRunSchema>;
export type TPreflightCheckPush = TDryRun['preflight'][number];
export type TActionRefusal = z.infer<typeof ZActionRefusalSchema>;
export type TDrillReportPush = z.infer<typeof ZDrillReportSchema>;
export type TDrillTimelinePush = z.infer<typeof ZDrillTimelineSchema>;
