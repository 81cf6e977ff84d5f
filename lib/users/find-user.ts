import type { TDb, TTx } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { requireUserName } from './user-name';

// The stored user (never its password hash), or NOT_FOUND.
export const findUser = async ({ db, name }: { db: TDb | TTx; name: string }) => {
  const user = await db.user.findUnique({ where: { name: requireUserName(name) } });
  if (!user) throw new AppError('NOT_FOUND', `no user named "${name}"`);
  return user;
};
