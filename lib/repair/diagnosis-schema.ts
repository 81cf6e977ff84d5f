import { z } from 'zod';
import { CAUSE_CODES, REPAIR_STRATEGIES, type TNodeDiagnosis } from './types';

// GET /api/clusters/:name/diagnosis as its readers (the wizard) parse it
// back. Fields the wizard can do without are optional, so a diagnosis that
// says a little more or less (an older or newer server) still reads.
export const ZNodeDiagnosisSchema = z.object({
  node: z.string(),
  source: z.string().nullable(),
  thread: z.enum(['io', 'sql']),
  errno: z.number().nullable(),
  error: z.string().nullable(),
  cause: z.object({ code: z.enum(CAUSE_CODES), explanation: z.string() }),
  options: z.array(
    z.object({
      strategy: z.enum(REPAIR_STRATEGIES),
      risk: z.enum(['none', 'low', 'drift', 'data-loss']),
      explanation: z.string(),
      recommended: z.boolean(),
      // Absent: the engine's own list decides (lib/actions/repair/params.ts RISKY).
      needsAcknowledgement: z.boolean().optional(),
      blockedBy: z.array(z.string()),
    }),
  ),
  evidence: z
    .object({
      schema: z.string(),
      table: z.string(),
      key: z.record(z.string(), z.string()),
      event: z.string().nullable(),
      rows: z.array(z.object({ node: z.string(), row: z.record(z.string(), z.string().nullable()).nullable() })),
    })
    .nullable(),
});

// unreadable: nodes the diagnosis could not read at all (their replication
// is unknown, not fine).
export const ZDiagnosisSchema = z.object({
  cluster: z.string(),
  checkedAt: z.string(),
  nodes: z.array(ZNodeDiagnosisSchema),
  unreadable: z.array(z.object({ node: z.string(), error: z.string() })).default([]),
});
export type TDiagnosis = z.infer<typeof ZDiagnosisSchema>;
export type TDiagnosisNode = TDiagnosis['nodes'][number];
export type TDiagnosisOption = TDiagnosisNode['options'][number];
export type TDiagnosisEvidence = NonNullable<TDiagnosisNode['evidence']>;

// What the server sends (lib/repair/types.ts) must be what this reads: a
// field renamed or retyped there, or one this requires that is gone, stops
// the build here. A field added there is simply not read.
const isReadable = (d: TNodeDiagnosis): TDiagnosisNode => d;
void isReadable;
