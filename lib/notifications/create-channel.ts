import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '@/lib/clusters/is-unique-violation';
import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { storedChannel } from './channel-record';
import { getChannel } from './list-channels';
import { rulesChanged } from './rules-cache';
import type { TChannelCreate, TChannelView } from './schema';

export const createChannel = async ({ db, doc, createdBy }: { db: TDb; doc: TChannelCreate; createdBy: string }): Promise<TChannelView> => {
  const { config, secret } = storedChannel(doc);
  try {
    await db.notificationChannel.create({ data: { id: randomUUID(), name: doc.name, type: doc.type, enabled: doc.enabled, config, secret, createdBy } });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', `a notification channel named "${doc.name}" already exists`, { fields: { name: 'is already taken' } });
    throw e;
  }
  rulesChanged();
  return getChannel(db, doc.name);
};
