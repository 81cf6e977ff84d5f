import { z } from 'zod';
import { ZChecksumResultSchema } from '../checksum/result-schema';

// A repair's stored result (definition.ts) as readers (UI, CLI) parse it back.
export const ZRepairResultSchema = z.object({
  node: z.string(),
  source: z.string(),
  strategy: z.string(),
  before: z.string(),
  after: z.string().nullable(),
  caughtUpMs: z.number().nullable(),
  changes: z.array(z.string()),
  // null: no drift check ran (skipped, or the run stopped before it).
  equal: z.boolean().nullable(),
  driftSkipped: z.string().nullable(),
  drift: ZChecksumResultSchema.nullable(),
  // A reseed's copy; its figures stay null when the copy did not finish.
  copy: z
    .object({
      bytes: z.number().nullable(),
      tables: z.number().nullable(),
      ms: z.number().nullable(),
      mbPerSecond: z.number().nullable(),
      gtid: z.string().nullable(),
      dropped: z.array(z.string()),
      skippedSchemas: z.array(z.string()),
    })
    .optional(),
});
export type TRepairReport = z.infer<typeof ZRepairResultSchema>;
