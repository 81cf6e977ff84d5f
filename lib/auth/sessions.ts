import { createHash, randomBytes } from 'node:crypto';
import { isRole, type TRole } from '@/lib/auth/roles';
import type { TDb } from '@/lib/db/client';

export const SESSION_COOKIE = 'tandem_session';
export const SESSION_TTL_MS = 12 * 3_600_000;
const TOUCH_EVERY_MS = 60_000;

// The cookie holds 256 random bits; the database only their SHA-256, so a
// leaked database does not hand out sessions.
const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');
// The stored id of the session a cookie carries (to end its live connections).
export const sessionIdOf = (token: string): string => sessionId(token);

export const createSession = async ({ db, userId, ip, userAgent }: { db: TDb; userId: string; ip: string | null; userAgent: string | null }): Promise<{ token: string; expiresAt: Date }> => {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.session.create({ data: { id: sessionId(token), userId, expiresAt, lastSeenAt: now, ip, userAgent: userAgent?.slice(0, 500) ?? null } });
  return { token, expiresAt };
};

// Sliding expiry: each use (at most once a minute) pushes it out again.
export const resolveSession = async ({ db, token }: { db: TDb; token: string }): Promise<{ name: string; role: TRole } | null> => {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const session = await db.session.findUnique({ where: { id: sessionId(token) }, include: { user: true } });
  if (!session || session.expiresAt.getTime() < Date.now() || !isRole(session.user.role)) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(), expiresAt: new Date(Date.now() + SESSION_TTL_MS) } });
  }
  return { name: session.user.name, role: session.user.role };
};

export const deleteSession = async ({ db, token }: { db: TDb; token: string }): Promise<void> => {
  await db.session.deleteMany({ where: { id: sessionId(token) } });
};
