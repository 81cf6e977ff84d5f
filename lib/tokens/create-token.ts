import { randomBytes, randomUUID } from 'node:crypto';
import type { TRole } from '@/lib/auth/roles';
import { isUniqueViolation } from '@/lib/clusters/is-unique-violation';
import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { MAX_TOKEN_DAYS, TOKEN_DAYS_RULE, TOKEN_NAME_RE, TOKEN_NAME_RULE, type TCreatedToken } from './schema';
import { hashToken, TOKEN_PREFIX } from './token-hash';

// Returns the token once; only its hash is stored. Without expiresInDays the
// token lives until revoked.
export const createToken = async ({ db, name, role, createdBy, expiresInDays }: { db: TDb; name: string; role: TRole; createdBy: string; expiresInDays?: number }): Promise<TCreatedToken> => {
  const fields: Record<string, string> = {};
  if (!TOKEN_NAME_RE.test(name)) fields.name = TOKEN_NAME_RULE;
  if (expiresInDays !== undefined && !(Number.isInteger(expiresInDays) && expiresInDays >= 1 && expiresInDays <= MAX_TOKEN_DAYS)) fields.expiresInDays = TOKEN_DAYS_RULE;
  if (Object.keys(fields).length > 0) throw new AppError('INVALID', 'invalid token', { fields });
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const expiresAt = expiresInDays === undefined ? null : new Date(Date.now() + expiresInDays * 86_400_000);
  try {
    await db.apiToken.create({ data: { id: randomUUID(), name, role, tokenHash: hashToken(token), prefix: token.slice(0, 8), createdBy, expiresAt } });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', `a token named "${name}" already exists`, { fields: { name: 'is already taken' } });
    throw e;
  }
  return { name, role, token, expiresAt: expiresAt?.toISOString() ?? null };
};
