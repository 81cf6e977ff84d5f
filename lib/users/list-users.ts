import { isRole } from '@/lib/auth/roles';
import type { TDb } from '@/lib/db/client';
import type { TPublicUser } from './create-user';

export const listUsers = async ({ db }: { db: TDb }): Promise<TPublicUser[]> =>
  (await db.user.findMany({ orderBy: { name: 'asc' } })).flatMap((u) => (isRole(u.role) ? [{ name: u.name, role: u.role, createdAt: u.createdAt.toISOString() }] : []));
