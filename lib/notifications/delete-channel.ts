import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { findChannel } from './find-channel';
import { rulesChanged } from './rules-cache';
import { storedIds } from './rule-record';

// Refused while a rule sends to the channel: deleting it would silently stop
// that rule's notifications. Its queued messages and history go with it.
export const deleteChannel = async ({ db, name }: { db: TDb; name: string }): Promise<void> => {
  const row = await findChannel(db, name);
  const rules = (await db.notificationRule.findMany({ select: { name: true, channels: true } })).filter((r) => storedIds(r.channels).includes(row.id));
  if (rules.length > 0) throw new AppError('CONFLICT', `channel "${name}" is used by the rule${rules.length > 1 ? 's' : ''} ${rules.map((r) => `"${r.name}"`).join(', ')}: remove it from ${rules.length > 1 ? 'them' : 'it'} first`);
  await db.notificationAttempt.deleteMany({ where: { channelId: row.id } });
  await db.notificationChannel.delete({ where: { id: row.id } });
  rulesChanged();
};
