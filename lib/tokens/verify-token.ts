import { isRole, type TRole } from '@/lib/auth/roles';
import type { TDb } from '@/lib/db/client';
import { hashToken, TOKEN_PREFIX } from './token-hash';
import { tokenState } from './token-state';

// The identity behind a bearer token, or null for an unknown, revoked or expired one.
export const verifyToken = async ({ db, token }: { db: TDb; token: string }): Promise<{ name: string; role: TRole } | null> => {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || !isRole(row.role) || tokenState(row, new Date()) !== 'active') return null;
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { name: row.name, role: row.role };
};
