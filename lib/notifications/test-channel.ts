import { randomUUID } from 'node:crypto';
import type { TDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { channelTarget } from './channel-record';
import { deliver } from './deliver';
import { findChannel } from './find-channel';
import { renderMessage } from './render';

// "Send test": delivered now, not through the outbox (the person pressing
// the button waits for the answer), and recorded with the channel's attempts.
export const sendTestMessage = async ({ db, name, baseUrl = getEnv().publicUrl }: { db: TDb; name: string; baseUrl?: string }): Promise<{ ok: boolean; detail: string; durationMs: number }> => {
  const channel = await findChannel(db, name);
  const t0 = Date.now();
  const outcome = await deliver(channelTarget(channel), renderMessage({ id: randomUUID(), cluster: 'test', events: [], baseUrl, test: true }));
  const durationMs = Date.now() - t0;
  await db.notificationAttempt.create({ data: { channelId: channel.id, messageId: null, at: new Date(t0), outcome: outcome.ok ? 'delivered' : 'failed', detail: outcome.detail, durationMs, test: true } });
  return { ...outcome, durationMs };
};
