import type { Server } from 'socket.io';
import { z } from 'zod';
import type { TRole } from '@/lib/auth/roles';
import { ROLES } from '@/lib/auth/roles';
import type { TDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log';
import { AppError, isAppError, type TAppErrorCode } from '@/lib/errors/app-error';
import { answerServers, askOtherServers } from '@/lib/realtime/ask-servers';
import { findWatcher } from '@/lib/servers/find-watcher';
import { actionPool } from './action-pool';
import { startAction } from './start-action';

// An action request for a cluster another server watches is run there: the
// steps need that server's monitor (poll now, expected findings) and its SSH
// connections. The request goes through Redis to every server; the watcher
// runs startAction and answers with the HTTP status and body the requester
// returns, or with the AppError it threw. One run per cluster still rests on
// the database (ActionRun.activeKey), whoever runs it.
const START_ACTION = 'tandem:start-action';
// A preflight reads both nodes over SSH (5 s connect timeout each) first.
const ANSWER_WITHIN_MS = 25_000;

export type TActionAnswer = { status: 200 | 202; body: unknown };
type TWho = { actor: string; role: TRole; ip?: string | null };

const ERROR_CODES = ['INVALID', 'MALFORMED_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE', 'NOT_FOUND', 'CONFLICT', 'UNAUTHORIZED', 'FORBIDDEN', 'RATE_LIMITED', 'SECRET_KEY', 'UNAVAILABLE', 'INTERNAL'] as const satisfies readonly TAppErrorCode[];

const ZRequestSchema = z.object({
  target: z.string(),
  cluster: z.string().min(1).max(63),
  who: z.object({ actor: z.string().min(1).max(120), role: z.enum(ROLES), ip: z.string().max(64).nullable() }),
  body: z.unknown(),
});
const ZAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), from: z.string(), status: z.union([z.literal(200), z.literal(202)]), body: z.unknown() }),
  z.object({
    ok: z.literal(false),
    from: z.string(),
    error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), fields: z.record(z.string(), z.string()).optional(), retryAfterSeconds: z.number().optional(), reason: z.string().optional(), extra: z.record(z.string(), z.unknown()).optional() }),
  }),
]);

const runHere = async (o: { db: TDb; cluster: string; who: TWho; body: unknown }): Promise<TActionAnswer> => {
  const outcome = await startAction({ db: o.db, pool: actionPool(o.db), cluster: o.cluster, who: o.who, body: o.body });
  return outcome.kind === 'dry-run' ? { status: 200, body: outcome.dryRun } : { status: 202, body: { run: outcome.started.run } };
};

// The watcher's side: answers only requests addressed to it, and only while
// it still holds the lease.
export const answerForwardedActions = (io: Server, db: TDb): void =>
  answerServers(io, START_ACTION, async (payload) => {
    const parsed = ZRequestSchema.safeParse(payload);
    const me = getEnv().serverId;
    if (!parsed.success || parsed.data.target !== me) return null;
    const { cluster, who, body } = parsed.data;
    try {
      const watcher = await findWatcher({ db, cluster });
      if (watcher.kind !== 'here') throw new AppError('UNAVAILABLE', `${cluster} moved to another server a moment ago; retry`);
      logger.info('action request forwarded here', { cluster, actor: who.actor });
      return { ok: true, from: me, ...(await runHere({ db, cluster, who, body })) };
    } catch (e) {
      const error = isAppError(e) ? { code: e.code, message: e.message, fields: e.fields, retryAfterSeconds: e.retryAfterSeconds, reason: e.reason, extra: e.extra } : { code: 'INTERNAL', message: 'internal error' };
      return { ok: false, from: me, error };
    }
  });

// The requester's side, for the API route: here, or at the watcher.
// redis: 'none' without TANDEM_REDIS_URL, 'down' while it does not answer.
export const requestAction = async (o: { db: TDb; io: Server | undefined; redis: 'none' | 'down' | 'up'; cluster: string; who: TWho; body: unknown }): Promise<TActionAnswer> => {
  const watcher = await findWatcher({ db: o.db, cluster: o.cluster });
  switch (watcher.kind) {
    case 'here':
      return runHere(o);
    case 'none':
      throw new AppError('UNAVAILABLE', `no live Tandem server watches ${o.cluster} right now (its server stopped a moment ago); retry in a few seconds`, { retryAfterSeconds: 5 });
    case 'other': {
      const where = `${o.cluster} is watched by Tandem server ${watcher.serverId}${watcher.url ? ` (${watcher.url})` : ''} and actions run there`;
      if (!o.io || o.redis === 'none') throw new AppError('UNAVAILABLE', `${where}: send the request to it, or set TANDEM_REDIS_URL on every server to forward them`);
      if (o.redis === 'down') throw new AppError('UNAVAILABLE', `${where}, but Redis, which forwards the request, does not answer; retry later or send it to that server`, { retryAfterSeconds: 5 });
      const answers = await askOtherServers(o.io, START_ACTION, { target: watcher.serverId, cluster: o.cluster, who: { actor: o.who.actor, role: o.who.role, ip: o.who.ip ?? null }, body: o.body }, ANSWER_WITHIN_MS);
      const answer = answers.map((a) => ZAnswerSchema.safeParse(a)).find((p) => p.success && p.data.from === watcher.serverId);
      if (!answer?.success) throw new AppError('UNAVAILABLE', `Tandem server ${watcher.serverId}, which watches ${o.cluster}, did not answer; retry in a few seconds`, { retryAfterSeconds: 5 });
      if (answer.data.ok) return { status: answer.data.status, body: answer.data.body };
      const { code, message, ...rest } = answer.data.error;
      throw new AppError(code, message, rest);
    }
  }
};
