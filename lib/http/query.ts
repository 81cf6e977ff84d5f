import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { toFieldErrors } from '@/lib/clusters/schema';

// Query strings through zod, like bodies: a bad value is a 400 naming it.
export const parseQuery = <T extends z.ZodType>(req: Request, schema: T): z.infer<T> => {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const r = schema.safeParse(params);
  if (!r.success) throw new AppError('INVALID', 'invalid query parameters', { fields: toFieldErrors(r.error) });
  return r.data;
};

// A time as ISO 8601 or epoch milliseconds.
export const ZTimeSchema = z
  .string()
  .transform((s, ctx) => {
    const d = /^\d+$/.test(s) ? new Date(Number(s)) : new Date(s);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 time or epoch milliseconds' });
      return z.NEVER;
    }
    return d;
  });
