import * as z from 'zod/mini';
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
