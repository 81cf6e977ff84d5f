import type { TDb, TTx } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';

// Without an enabled admin nobody could manage users from the web again; only
// the CLI on the server could. Refuse the step that would leave none.
export const assertNotLastAdmin = async ({ db, user, doing }: { db: TDb | TTx; user: { id: string; role: string; disabledAt: Date | null }; doing: string }): Promise<void> => {
  if (user.role !== 'admin' || user.disabledAt !== null) return;
  const others = await db.user.count({ where: { role: 'admin', disabledAt: null, id: { not: user.id } } });
  if (others === 0) throw new AppError('CONFLICT', `cannot ${doing} the last enabled admin; make another user admin first`);
};
