import { randomUUID } from 'node:crypto';
import { hashPassword, MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import type { TRole } from '@/lib/auth/roles';
import { isUniqueViolation } from '@/lib/clusters/is-unique-violation';
import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';

export const USER_NAME_RE = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export type TPublicUser = { name: string; role: TRole; createdAt: string };

export const createUser = async ({ db, name, role, password }: { db: TDb; name: string; role: TRole; password: string }): Promise<TPublicUser> => {
  const fields: Record<string, string> = {};
  if (!USER_NAME_RE.test(name)) fields.name = 'must be 1–63 lowercase letters, digits, dots, dashes or underscores';
  if (password.length < MIN_PASSWORD_LENGTH) fields.password = `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (Object.keys(fields).length > 0) throw new AppError('INVALID', 'invalid user', { fields });
  try {
    const user = await db.user.create({ data: { id: randomUUID(), name, role, passwordHash: await hashPassword(password) } });
    return { name: user.name, role, createdAt: user.createdAt.toISOString() };
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', `a user named "${name}" already exists`, { fields: { name: 'is already taken' } });
    throw e;
  }
};
