import type { TDb } from '@/lib/db/client';
import { findChannel } from './find-channel';
import type { TAttempt, TDelivery } from './schema';

const STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;
const statusOf = (s: string): TDelivery['status'] => STATUSES.find((x) => x === s) ?? 'pending';

// The channel's recent messages and every attempt, newest first.
export const listDeliveries = async ({ db, name, limit = 50 }: { db: TDb; name: string; limit?: number }): Promise<{ messages: TDelivery[]; attempts: TAttempt[] }> => {
  const channel = await findChannel(db, name);
  const [messages, attempts] = await Promise.all([
    db.notificationMessage.findMany({ where: { channelId: channel.id }, orderBy: { createdAt: 'desc' }, take: limit }),
    db.notificationAttempt.findMany({ where: { channelId: channel.id }, orderBy: { id: 'desc' }, take: limit }),
  ]);
  return {
    messages: messages.map((m) => ({
      id: m.id,
      cluster: m.clusterName,
      title: m.title,
      severity: m.severity,
      events: m.eventCount,
      status: statusOf(m.status),
      attempts: m.attempts,
      createdAt: m.createdAt.toISOString(),
      nextAttemptAt: m.status === 'pending' ? m.nextAttemptAt.toISOString() : null,
      deliveredAt: m.deliveredAt?.toISOString() ?? null,
      lastError: m.lastError,
    })),
    attempts: attempts.map((a) => ({ at: a.at.toISOString(), messageId: a.messageId, outcome: a.outcome, detail: a.detail, durationMs: a.durationMs, test: a.test })),
  };
};
