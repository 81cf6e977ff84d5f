import { isUniqueViolation } from '@/lib/clusters/is-unique-violation';
import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { channelDocument, storedChannel } from './channel-record';
import { findChannel } from './find-channel';
import { getChannel } from './list-channels';
import { rulesChanged } from './rules-cache';
import { ZChannelCreateSchema, type TChannelUpdate, type TChannelView } from './schema';

// Fields that do not apply to the channel's type are refused, not ignored:
// a "port" sent to a webhook is a mistake the sender should hear about.
const FIELDS_BY_TYPE: Record<string, readonly string[]> = {
  webhook: ['name', 'enabled', 'url', 'secret'],
  slack: ['name', 'enabled', 'url'],
  smtp: ['name', 'enabled', 'host', 'port', 'tls', 'user', 'password', 'caCertificate', 'from', 'to'],
};

export const updateChannel = async ({ db, name, patch }: { db: TDb; name: string; patch: TChannelUpdate }): Promise<TChannelView> => {
  const row = await findChannel(db, name);
  const allowed = FIELDS_BY_TYPE[row.type] ?? [];
  const wrong = Object.keys(patch).filter((k) => !allowed.includes(k));
  if (wrong.length > 0) throw new AppError('INVALID', `invalid channel update`, { fields: Object.fromEntries(wrong.map((k) => [k, `does not apply to a ${row.type} channel`])) });
  const current = channelDocument(row);
  const merged: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete merged[k];
    else if (v !== undefined) merged[k] = v;
  }
  const doc = ZChannelCreateSchema.parse(merged);
  const { config, secret } = storedChannel(doc);
  try {
    await db.notificationChannel.update({ where: { id: row.id }, data: { name: doc.name, enabled: doc.enabled, config, secret } });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', `a notification channel named "${doc.name}" already exists`, { fields: { name: 'is already taken' } });
    throw e;
  }
  rulesChanged();
  return getChannel(db, doc.name);
};
