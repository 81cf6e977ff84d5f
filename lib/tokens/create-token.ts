import { randomBytes, randomUUID } from 'node:crypto';
import type { TRole } from '@/lib/auth/roles';
import { isUniqueViolation } from '@/lib/clusters/is-unique-violation';
import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { hashToken, TOKEN_PREFIX } from './token-hash';

const TOKEN_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

// Returns the token once; only its hash is stored.
export const createToken = async ({ db, name, role, createdBy }: { db: TDb; name: string; role: TRole; createdBy: string }): Promise<{ name: string; role: TRole; token: string }> => {
  if (!TOKEN_NAME_RE.test(name)) throw new AppError('INVALID', 'invalid token name', { fields: { name: 'must be 1–63 letters, digits, dots, dashes or underscores' } });
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  try {
    await db.apiToken.create({ data: { id: randomUUID(), name, role, tokenHash: hashToken(token), prefix: token.slice(0, 8), createdBy } });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', `a token named "${name}" already exists`, { fields: { name: 'is already taken' } });
    throw e;
  }
  return { name, role, token };
};
