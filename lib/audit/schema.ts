import { z } from 'zod';
import { ZTimeSchema } from '@/lib/http/query';
import type { TAuditRow } from './list-audit';

// GET /api/audit: its query and its answer.
export const ZAuditQuerySchema = z.object({
  since: ZTimeSchema.optional(),
  actor: z.string().min(1).max(120).optional(),
  action: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(200),
});

export const ZAuditRowSchema = z.object({
  at: z.string(),
  actor: z.string(),
  ip: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  result: z.string(),
  detail: z.string().nullable(),
});
export const ZAuditListSchema = z.object({ events: z.array(ZAuditRowSchema) });

// The schema and the row listAudit builds are the same shape, both ways.
const isDescribed = (r: TAuditRow): z.input<typeof ZAuditRowSchema> => r;
const isExact = (r: z.output<typeof ZAuditRowSchema>): TAuditRow => r;
void isDescribed;
void isExact;
