import { randomUUID } from 'node:crypto';
import { rawSqlOf, type TDb } from '@/lib/db/client';
import { sqlNumber, sqlTime } from '@/lib/db/raw-sql';
import { logger } from '@/lib/log';
import { channelTarget } from './channel-record';
import { deliver, DELIVERY_TIMEOUT_MS } from './deliver';
import { setOutboxWaker } from './enqueue';
import { renderMessage } from './render';
import { ZNotifyEventSchema, type TNotifyEvent } from './schema';

export type TDeliveryResult = 'delivered' | 'retrying' | 'failed';

export type TNotifierOptions = {
  db: TDb;
  baseUrl: string;
  tickMs?: number;
  // Waits between attempts of one message; the last one repeats.
  backoffMs?: number[];
  // A message not delivered this long after it was made is marked failed.
  giveUpAfterMs?: number;
  // A burst that never goes quiet still goes out this long after it began.
  maxGroupMs?: number;
  onDelivery?: (channelType: string, result: TDeliveryResult) => void;
  // Delivered and failed messages (and their attempts) are kept this long.
  retentionDays?: number;
};

export const DEFAULT_BACKOFF_MS = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000];
export const GIVE_UP_AFTER_MS = 24 * 3600_000;
const MAX_GROUP_MS = 30_000;
const IDLE_CHECK_MS = 5000;
// A claim older than this belonged to a process that died mid-delivery.
const STALE_CLAIM_MS = 2 * DELIVERY_TIMEOUT_MS + 10_000;

// Idle, one statement (both on an index) says whether anything waits: events
// not yet grouped, or the soonest retry.
const IDLE_LOOK_SQL =
  'SELECT EXISTS (SELECT 1 FROM notification_events WHERE messageId IS NULL) AS ungrouped, ' +
  '(SELECT MIN(nextAttemptAt) FROM notification_messages WHERE status = ?) AS nextAt';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export const parseStoredEvent = (payload: string): TNotifyEvent | null => {
  try {
    const r = ZNotifyEventSchema.safeParse(JSON.parse(payload));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
};

// Turns the outbox into messages and delivers them: a burst of events for one
// cluster and channel becomes one message once it has been quiet for the
// rule's quiet period; a failed delivery is retried with backoff for 24 h.
// All state is in the database, so a restart (or another server) carries on
// where this one stopped. Delivery is at least once: receivers may dedupe on
// the message id (X-Tandem-Delivery).
export const startNotifier = (o: TNotifierOptions) => {
  const { db } = o;
  const tickMs = o.tickMs ?? 250;
  const backoff = o.backoffMs ?? DEFAULT_BACKOFF_MS;
  const giveUpAfter = o.giveUpAfterMs ?? GIVE_UP_AFTER_MS;
  const maxGroup = o.maxGroupMs ?? MAX_GROUP_MS;
  let running = true;
  let busy = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let lastRecovery = 0;
  let lastPrune = 0;
  let dirty = true;
  let checkAt = 0;
  let idle: Promise<void> = Promise.resolve();

  const recoverStaleClaims = async (now: number) => {
    if (now - lastRecovery < 30_000) return;
    lastRecovery = now;
    await db.notificationMessage.updateMany({ where: { status: 'sending', claimedAt: { lt: new Date(now - STALE_CLAIM_MS) } }, data: { status: 'pending', claimedAt: null } });
  };

  const prune = async (now: number) => {
    if (now - lastPrune < 3600_000) return;
    lastPrune = now;
    const before = new Date(now - (o.retentionDays ?? 30) * 86_400_000);
    await db.notificationMessage.deleteMany({ where: { status: { in: ['delivered', 'failed'] }, createdAt: { lt: before } } });
    await db.notificationAttempt.deleteMany({ where: { messageId: null, at: { lt: before } } });
  };

  // Returns whether events are still waiting for their group's quiet period.
  const groupDue = async (now: number): Promise<boolean> => {
    let waiting = false;
    const rows = await db.notificationEvent.findMany({ where: { messageId: null }, orderBy: { id: 'asc' }, take: 2000 });
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      const key = `${r.channelId}\u0000${r.clusterName}`;
      const group = groups.get(key);
      if (group) group.push(r);
      else groups.set(key, [r]);
    }
    for (const group of groups.values()) {
      const first = group[0];
      if (!first) continue;
      const newest = Math.max(...group.map((r) => r.createdAt.getTime()));
      const oldest = Math.min(...group.map((r) => r.createdAt.getTime()));
      const quiet = Math.min(...group.map((r) => r.quietMs));
      if (now - newest < quiet && now - oldest < maxGroup) {
        waiting = true;
        continue;
      }
      const events = group.map((r) => parseStoredEvent(r.payload)).filter((e): e is TNotifyEvent => e !== null);
      const id = randomUUID();
      const m = renderMessage({ id, cluster: first.clusterName, events, baseUrl: o.baseUrl });
      const ids = group.map((r) => r.id);
      try {
        await db.$transaction(async (tx) => {
          await tx.notificationMessage.create({ data: { id, channelId: first.channelId, clusterName: first.clusterName, title: m.title.slice(0, 500), severity: m.severity, eventCount: group.length, status: 'pending', createdAt: new Date(now), nextAttemptAt: new Date(now) } });
          const r = await tx.notificationEvent.updateMany({ where: { id: { in: ids }, messageId: null }, data: { messageId: id } });
          // Another server grouped some of them first: leave it to that one.
          if (r.count !== ids.length) throw new Error('outbox rows grouped elsewhere');
        });
      } catch (e) {
        logger.debug('notification group not made', { error: messageOf(e) });
      }
    }
    return waiting;
  };

  // When the next look is due if nothing waits now; null when something does
  // (or the handle has no raw path) and the whole tick should run.
  const idleUntil = async (now: number): Promise<number | null> => {
    const raw = rawSqlOf(db);
    if (!raw) return null;
    const [row] = await raw.query(IDLE_LOOK_SQL, ['pending']);
    const nextAt = sqlTime(row?.nextAt);
    if (sqlNumber(row?.ungrouped) !== 0 || (nextAt !== null && nextAt <= now)) return null;
    return Math.min(now + IDLE_CHECK_MS, nextAt ?? Infinity);
  };

  const sendOne = async (m: { id: string; channelId: string; clusterName: string; attempts: number; createdAt: Date }) => {
    const now = Date.now();
    const claim = await db.notificationMessage.updateMany({ where: { id: m.id, status: 'pending' }, data: { status: 'sending', claimedAt: new Date(now) } });
    if (claim.count !== 1) return;
    const channel = await db.notificationChannel.findUnique({ where: { id: m.channelId }, omit: { secret: false } });
    if (!channel) return;
    const attempts = m.attempts + 1;
    const finish = async (ok: boolean, detail: string, durationMs: number) => {
      await db.notificationAttempt.create({ data: { channelId: m.channelId, messageId: m.id, at: new Date(now), outcome: ok ? 'delivered' : 'failed', detail, durationMs, test: false } });
      const next = now + durationMs + (backoff[Math.min(attempts - 1, backoff.length - 1)] ?? 60_000);
      const gaveUp = !ok && next - m.createdAt.getTime() > giveUpAfter;
      await db.notificationMessage.update({
        where: { id: m.id },
        data: ok
          ? { status: 'delivered', attempts, deliveredAt: new Date(), lastError: null, claimedAt: null }
          : { status: gaveUp ? 'failed' : 'pending', attempts, nextAttemptAt: new Date(next), lastError: detail, claimedAt: null },
      });
      const result: TDeliveryResult = ok ? 'delivered' : gaveUp ? 'failed' : 'retrying';
      o.onDelivery?.(channel.type, result);
      if (!ok) logger.warn('notification not delivered', { channel: channel.name, message: m.id, attempts, result, error: detail });
    };
    if (!channel.enabled) {
      // Held while the channel is off; it expires like any undelivered message.
      await finish(false, 'the channel is disabled', 0);
      return;
    }
    const events = (await db.notificationEvent.findMany({ where: { messageId: m.id }, orderBy: { id: 'asc' }, select: { payload: true } }))
      .map((r) => parseStoredEvent(r.payload))
      .filter((e): e is TNotifyEvent => e !== null);
    let target;
    try {
      target = channelTarget(channel);
    } catch (e) {
      await finish(false, `cannot read the channel's settings: ${messageOf(e)}`, 0);
      return;
    }
    const t0 = Date.now();
    const outcome = await deliver(target, renderMessage({ id: m.id, cluster: m.clusterName, events, baseUrl: o.baseUrl }));
    await finish(outcome.ok, outcome.detail, Date.now() - t0);
  };

  const sendDue = async (now: number) => {
    const due = await db.notificationMessage.findMany({ where: { status: 'pending', nextAttemptAt: { lte: new Date(now) } }, orderBy: { createdAt: 'asc' }, take: 20, select: { id: true, channelId: true, clusterName: true, attempts: true, createdAt: true } });
    await Promise.all(due.map((m) => sendOne(m).catch((e: unknown) => logger.error('notification delivery crashed', { message: m.id, error: messageOf(e) }))));
  };

  const tick = async (): Promise<void> => {
    if (!running) return;
    if (busy) {
      again = true;
      return;
    }
    const now = Date.now();
    // Idle, it looks at the database every IDLE_CHECK_MS (events queued by
    // another process, the CLI), not on every tick: the collector's CPU per
    // poll is a budget this must not eat into.
    if (!dirty && now < checkAt) return;
    // A wake() means work was queued here; a timer's look may find none.
    const woken = dirty;
    dirty = false;
    busy = true;
    try {
      await recoverStaleClaims(now);
      await prune(now);
      const quietUntil = woken ? null : await idleUntil(now);
      if (quietUntil !== null) checkAt = quietUntil;
      else {
        const waiting = await groupDue(now);
        await sendDue(Date.now());
        const next = await db.notificationMessage.findFirst({ where: { status: 'pending' }, orderBy: { nextAttemptAt: 'asc' }, select: { nextAttemptAt: true } });
        checkAt = Math.min(Date.now() + IDLE_CHECK_MS, waiting ? 0 : Infinity, next ? next.nextAttemptAt.getTime() : Infinity);
      }
    } catch (e) {
      logger.error('notifier tick failed', { error: messageOf(e) });
    } finally {
      busy = false;
    }
    if (again && running) {
      again = false;
      return tick();
    }
  };

  // Idle, the next look is due at checkAt (a wake() looks at once): a timer
  // every tickMs that finds nothing to do was 4 wake-ups a second, each
  // ≈ 0.1 ms of CPU on a small VM, for an idle server. Every tick, the
  // loop's or a wake()'s, sets the one timer anew from what it found (a
  // group it left waiting for its quiet period, a retry's time).
  const arm = () => {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(loop, dirty ? tickMs : Math.max(tickMs, Math.min(checkAt - Date.now(), IDLE_CHECK_MS)));
  };
  const loop = () => {
    if (!running) return;
    idle = tick().finally(arm);
  };
  const wake = () => {
    dirty = true;
    if (running) idle = tick().finally(arm);
  };
  setOutboxWaker(wake);
  loop();

  return {
    wake,
    stop: async (): Promise<void> => {
      running = false;
      clearTimeout(timer);
      setOutboxWaker(undefined);
      await idle;
      while (busy) await new Promise((r) => setTimeout(r, 20));
    },
  };
};
export type TNotifier = ReturnType<typeof startNotifier>;
