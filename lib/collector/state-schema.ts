import { z } from 'zod';
import type { TStateSummary } from '@/lib/cluster-state/summarize-state';
import type { TFinding } from '@/lib/health/types';
import { SLAVE_STATUS_COLUMNS, type TColumnType, type TMappedField } from '@/lib/parsers/slave-status-columns';
import type { TSlaveStatus } from '@/lib/parsers/slave-status';
import type { TClusterSnapshot } from './snapshot';

// GET /api/clusters/:name/state as a schema (the OpenAPI description is
// generated from it); the checks at the end tie it to the server's types.

type TColumnSchema<T extends TColumnType> = T extends 'int' ? z.ZodNullable<z.ZodNumber> : z.ZodNullable<z.ZodString>;
const columnSchema = <T extends TColumnType>(type: T): TColumnSchema<T> => (type === 'int' ? z.number().nullable() : z.string().nullable()) as TColumnSchema<T>;

// One field per column of the one mapping the parser reads
// (slave-status-columns.ts), so a column added there is described here.
const replicationShape = Object.fromEntries(Object.entries(SLAVE_STATUS_COLUMNS).map(([field, spec]) => [field, columnSchema(spec.type)])) as {
  [K in TMappedField]: TColumnSchema<(typeof SLAVE_STATUS_COLUMNS)[K]['type']>;
};

export const ZSlaveStatusSchema = z.object({ ...replicationShape, flavor: z.enum(['mysql', 'mariadb']), usingGtid: z.string().nullable() });

// `code` stays a string: snapshots saved by an older Tandem may carry codes
// that are gone from TFindingCode.
export const ZFindingSchema = z.object({ code: z.string(), severity: z.enum(['critical', 'warning', 'info']), node: z.string().optional(), message: z.string(), advice: z.string() });

const ZSnapshotNodeSchema = z.object({
  name: z.string(),
  host: z.string(),
  reachable: z.boolean(),
  error: z.string().nullable(),
  hostname: z.string().nullable(),
  version: z.string().nullable(),
  serverId: z.number().nullable(),
  readOnly: z.boolean().nullable(),
  binlog: z.object({ file: z.string(), position: z.number() }).nullable(),
  gtidPosition: z.string().nullable(),
  replication: ZSlaveStatusSchema.nullable(),
  keepalived: z.object({ running: z.boolean().nullable(), state: z.string().nullable(), since: z.string().nullable(), priority: z.number().nullable() }),
  holdsVip: z.boolean(),
  lagSeconds: z.number().nullable(),
  heartbeatLagSeconds: z.number().nullable(),
  parseErrors: z.array(z.object({ section: z.string(), message: z.string() })),
  pollMs: z.number().nullable(),
  observedAt: z.string().nullable(),
});

export const ZClusterSnapshotSchema = z.object({
  cluster: z.string(),
  vip: z.object({ address: z.string(), holders: z.array(z.string()) }),
  nodes: z.array(ZSnapshotNodeSchema),
  findings: z.array(ZFindingSchema),
  observedAt: z.string(),
});

// What the state means, decided once (lib/cluster-state/).
export const ZStateSummarySchema = z.object({
  status: z.enum(['healthy', 'degraded', 'critical', 'unknown']),
  vip: z.enum(['unassigned', 'held', 'moving', 'split-brain']),
  splitBrain: z.boolean(),
  ageMs: z.number(),
  stale: z.boolean(),
});

export const ZClusterStateSchema = ZClusterSnapshotSchema.extend({ summary: ZStateSummarySchema });

// TFinding's code is a closed union, the schema's a string: that direction only.
const checks = {
  replication: (r: TSlaveStatus): z.input<typeof ZSlaveStatusSchema> => r,
  replicationBack: (r: z.output<typeof ZSlaveStatusSchema>): TSlaveStatus => r,
  finding: (f: TFinding): z.input<typeof ZFindingSchema> => f,
  snapshot: (s: TClusterSnapshot): z.input<typeof ZClusterSnapshotSchema> => s,
  summary: (s: TStateSummary): z.input<typeof ZStateSummarySchema> => s,
  summaryBack: (s: z.output<typeof ZStateSummarySchema>): TStateSummary => s,
};
void checks;
