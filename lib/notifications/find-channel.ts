import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';

export const findChannel = async (db: TDb, name: string) => {
  const row = await db.notificationChannel.findUnique({ where: { name }, omit: { secret: false } });
  if (!row) throw new AppError('NOT_FOUND', `no notification channel named "${name}"`);
  return row;
};
