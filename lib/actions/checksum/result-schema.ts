import { z } from 'zod';

// A drift check's stored result as readers (UI, CLI) parse it back.
const ZRange = z.object({ lower: z.string().nullable(), upper: z.string().nullable() });

export const ZChecksumResultSchema = z.object({
  equal: z.boolean(),
  atGtid: z.string().nullable(),
  nodes: z.array(z.string()),
  writer: z.string(),
  schemas: z.array(z.string()).nullable(),
  tables: z.array(
    z.object({
      schema: z.string(),
      table: z.string(),
      rows: z.tuple([z.number(), z.number()]),
      equal: z.boolean(),
      differingChunks: z.array(ZRange),
      unsettledChunks: z.array(ZRange),
      problem: z.string().nullable(),
      chunks: z.number(),
    }),
  ),
  chunks: z.number(),
  pinnedChunks: z.number(),
  durationMs: z.number().nullable(),
});
export type TChecksumReport = z.infer<typeof ZChecksumResultSchema>;

export const rangeText = (r: { lower: string | null; upper: string | null }): string => `${r.lower === null ? '(start' : `(${r.lower}`} … ${r.upper === null ? 'end)' : `${r.upper}]`}`;
