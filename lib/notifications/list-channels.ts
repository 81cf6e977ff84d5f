import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { channelView } from './channel-record';
import type { TChannelView } from './schema';

type TRow = Parameters<typeof channelView>[0] & { secret: string | null };

const withStats = async (db: TDb, rows: TRow[]): Promise<TChannelView[]> =>
  Promise.all(
    rows.map(async (row) => {
      const [pending, failed, last] = await Promise.all([
        db.notificationMessage.count({ where: { channelId: row.id, status: { in: ['pending', 'sending'] } } }),
        db.notificationMessage.count({ where: { channelId: row.id, status: 'failed' } }),
        db.notificationAttempt.findFirst({ where: { channelId: row.id }, orderBy: { id: 'desc' }, select: { at: true, outcome: true, detail: true } }),
      ]);
      return channelView(row, { hasSecret: row.secret !== null, pending, failed, lastAttempt: last });
    }),
  );

export const listChannels = async (db: TDb): Promise<TChannelView[]> =>
  withStats(db, await db.notificationChannel.findMany({ orderBy: { name: 'asc' }, omit: { secret: false } }));

export const getChannel = async (db: TDb, name: string): Promise<TChannelView> => {
  const row = await db.notificationChannel.findUnique({ where: { name }, omit: { secret: false } });
  if (!row) throw new AppError('NOT_FOUND', `no notification channel named "${name}"`);
  const [view] = await withStats(db, [row]);
  if (!view) throw new AppError('NOT_FOUND', `no notification channel named "${name}"`);
  return view;
};
