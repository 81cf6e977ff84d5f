import { z } from 'zod';

// Every error leaves through errorResponse (lib/http/respond.ts) with this
// body: a stable `error` name, a message for people, the bad fields of an
// invalid request, when to retry, and what a refusal adds (the failed
// preflight checks, the run in the way).
export const ZErrorBodySchema = z.looseObject({
  error: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
  retryAfterSeconds: z.number().optional(),
});
export type TErrorBody = z.infer<typeof ZErrorBodySchema>;

// The answer of a change that has nothing more to say.
export const ZOkSchema = z.object({ ok: z.literal(true) });
