import { z } from 'zod';
import { ACTION_KINDS } from './types';

// What the actions API takes: POST /api/clusters/:name/actions (each kind's
// params are checked by its definition), the list's and the report's queries.
export const ZActionRequestSchema = z.strictObject({
  kind: z.string().min(1).max(40),
  params: z.unknown().optional(),
  dryRun: z.boolean().optional(),
  confirm: z.string().max(100).optional(),
  force: z.boolean().optional(),
  reason: z.string().trim().max(500).optional(),
});
export type TActionRequest = z.infer<typeof ZActionRequestSchema>;

export const ZActionListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), kind: z.enum(ACTION_KINDS).optional() });

// GET /api/actions/:id/report?download=1. The handler reads the one
// parameter itself (searchParams.get('download') === '1': any other value is
// the inline answer), so this only describes it.
export const ZActionReportQuerySchema = z.object({ download: z.string().optional() });
