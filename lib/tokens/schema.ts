import { z } from 'zod';
import { ROLES } from '@/lib/auth/roles';
import { MAX_TOKEN_DAYS } from './create-token';

export const ZTokenCreateSchema = z.strictObject({
  name: z.string().min(1).max(63),
  role: z.enum(ROLES),
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).optional(),
});
