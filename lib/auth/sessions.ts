import { createHash, randomBytes } from 'node:crypto';
import { isRole, type TRole } from '@/lib/auth/roles';
import type { TDb, TTx } from '@/lib/db/client';
import { getEnv } from '@/lib/env';

export const SESSION_COOKIE = 'tandem_session';
export const SESSION_TTL_MS = 12 * 3_600_000;
const TOUCH_EVERY_MS = 60_000;

// The sliding expiry alone would let a session that is used every few hours
// live forever; the absolute lifetime bounds what a stolen cookie is worth.
export const sessionMaxAgeMs = (): number => getEnv().TANDEM_SESSION_MAX_AGE_DAYS * 86_400_000;

// The cookie holds 256 random bits; the database only their SHA-256, so a
// leaked database does not hand out sessions. The same id names the session
// to the realtime layer.
export const sessionIdOf = (token: string): string => createHash('sha256').update(token).digest('hex');

const isSessionToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

// The earlier of the sliding and the absolute end.
const slidingExpiry = (createdAt: Date, now: number): Date => new Date(Math.min(now + SESSION_TTL_MS, createdAt.getTime() + sessionMaxAgeMs()));

// absoluteExpiresAt is what the cookie carries: the browser keeps it while the
// sliding expiry is pushed out by use, never past the absolute lifetime.
export const createSession = async ({ db, userId, ip, userAgent }: { db: TDb; userId: string; ip: string | null; userAgent: string | null }): Promise<{ token: string; expiresAt: Date; absoluteExpiresAt: Date }> => {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = slidingExpiry(now, now.getTime());
  await db.session.create({ data: { id: sessionIdOf(token), userId, createdAt: now, expiresAt, lastSeenAt: now, ip, userAgent: userAgent?.slice(0, 500) ?? null } });
  return { token, expiresAt, absoluteExpiresAt: new Date(now.getTime() + sessionMaxAgeMs()) };
};

// Sliding expiry: each use (at most once a minute) pushes it out again, up to
// the absolute lifetime. A disabled user's sessions stop at once.
export const resolveSession = async ({ db, token }: { db: TDb; token: string }): Promise<{ name: string; role: TRole } | null> => {
  if (!isSessionToken(token)) return null;
  const session = await db.session.findUnique({ where: { id: sessionIdOf(token) }, include: { user: true } });
  if (!session || session.user.disabledAt !== null || !isRole(session.user.role)) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() < now || session.createdAt.getTime() + sessionMaxAgeMs() < now) return null;
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now), expiresAt: slidingExpiry(session.createdAt, now) } });
  }
  return { name: session.user.name, role: session.user.role };
};

export const deleteSession = async ({ db, token }: { db: TDb; token: string }): Promise<void> => {
  await db.session.deleteMany({ where: { id: sessionIdOf(token) } });
};

// Deletes a user's sessions (all, or all but one) and returns their ids, so
// the caller can end the live connections opened with them.
export const deleteSessionsOf = async ({ db, userId, exceptId }: { db: TDb | TTx; userId: string; exceptId?: string }): Promise<string[]> => {
  const where = { userId, ...(exceptId !== undefined && { id: { not: exceptId } }) };
  const ids = (await db.session.findMany({ where, select: { id: true } })).map((s) => s.id);
  if (ids.length > 0) await db.session.deleteMany({ where: { id: { in: ids } } });
  return ids;
};

// A session counts as active while neither expiry has passed.
export const activeSessionWhere = (now = Date.now()) => ({ expiresAt: { gt: new Date(now) }, createdAt: { gt: new Date(now - sessionMaxAgeMs()) } });
