import { z } from 'zod';
import { ZTimeSchema } from '@/lib/http/query';
import { EVENT_KINDS } from './snapshot';

// The queries of GET /api/clusters/:name/events and …/lag.
export const ZEventsQuerySchema = z.object({
  since: ZTimeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  // One kind or several, comma-separated: kind=keepalived-transition,vip-moved
  kind: z.string().transform((s) => s.split(',')).pipe(z.array(z.enum(EVENT_KINDS))).optional(),
});

export const ZLagQuerySchema = z.object({ from: ZTimeSchema.optional(), to: ZTimeSchema.optional() });
