import { activeSessionWhere } from '@/lib/auth/sessions';
import { isRole } from '@/lib/auth/roles';
import type { TDb } from '@/lib/db/client';
import type { TPublicUser } from './create-user';

export type TUserRow = TPublicUser & { disabledAt: string | null; activeSessions: number };

export const listUsers = async ({ db }: { db: TDb }): Promise<TUserRow[]> =>
  (await db.user.findMany({ orderBy: { name: 'asc' }, include: { _count: { select: { sessions: { where: activeSessionWhere() } } } } })).flatMap((u) =>
    isRole(u.role) ? [{ name: u.name, role: u.role, createdAt: u.createdAt.toISOString(), disabledAt: u.disabledAt?.toISOString() ?? null, activeSessions: u._count.sessions }] : [],
  );
