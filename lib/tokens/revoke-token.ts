import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';

export const revokeToken = async ({ db, name }: { db: TDb; name: string }): Promise<void> => {
  const r = await db.apiToken.updateMany({ where: { name, revokedAt: null }, data: { revokedAt: new Date() } });
  if (r.count === 0) throw new AppError('NOT_FOUND', `no active token named "${name}"`);
};
