import { z } from 'zod';
import { ROLES } from '@/lib/auth/roles';

// Imported by the /tokens form as well as the server, so this file stays free
// of node: and database imports.
export const TOKEN_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
export const MAX_TOKEN_DAYS = 3650;
// Worded to follow a field's label ("Name must be …"), as the form shows them.
export const TOKEN_NAME_RULE = 'must be 1–63 letters, digits, dots, dashes or underscores';
export const TOKEN_DAYS_RULE = `must be a whole number of days, 1–${MAX_TOKEN_DAYS}`;

export const ZTokenCreateSchema = z.strictObject({
  name: z.string({ error: TOKEN_NAME_RULE }).min(1, TOKEN_NAME_RULE).max(63, TOKEN_NAME_RULE),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
  expiresInDays: z.number({ error: TOKEN_DAYS_RULE }).int(TOKEN_DAYS_RULE).min(1, TOKEN_DAYS_RULE).max(MAX_TOKEN_DAYS, TOKEN_DAYS_RULE).optional(),
});
export type TTokenCreate = z.infer<typeof ZTokenCreateSchema>;

// POST /api/tokens answers this once; the token itself is never readable again.
export const ZCreatedTokenSchema = z.object({ name: z.string(), role: z.enum(ROLES), token: z.string(), expiresAt: z.string().nullable() });
export type TCreatedToken = z.infer<typeof ZCreatedTokenSchema>;

// GET /api/tokens: the tokens without their secret (a prefix to tell them apart).
export const ZPublicTokenSchema = z.object({
  name: z.string(),
  role: z.string(),
  prefix: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export const ZTokenListSchema = z.object({ tokens: z.array(ZPublicTokenSchema) });
export const ZCreatedTokenEnvelopeSchema = z.object({ token: ZCreatedTokenSchema });
