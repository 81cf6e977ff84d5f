import type { z } from 'zod';
import { toFieldErrors } from '@/lib/clusters/schema';
import { AppError } from '@/lib/errors/app-error';

// A request body through its schema: a 400 naming each bad field, or the data.
export const parseBody = <T extends z.ZodType>(schema: T, input: unknown, message: string): z.infer<T> => {
  const r = schema.safeParse(input);
  if (!r.success) throw new AppError('INVALID', message, { fields: toFieldErrors(r.error) });
  return r.data;
};
