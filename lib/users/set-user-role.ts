import type { TRole } from '@/lib/auth/roles';
import type { TDb } from '@/lib/db/client';
import { audited, type TActor } from './audited';
import { findUser } from './find-user';
import { assertNotLastAdmin } from './last-admin';

// Sessions read the role from the user row on every request, so a change
// applies at once without ending them.
export const setUserRole = ({ db, name, role, by }: { db: TDb; name: string; role: TRole; by: TActor }): Promise<void> =>
  audited({ db, by, action: 'user.role', target: name }, async () => {
    const from = await db.$transaction(async (tx) => {
      const user = await findUser({ db: tx, name });
      if (user.role === role) return user.role;
      if (role !== 'admin') await assertNotLastAdmin({ db: tx, user, doing: 'demote' });
      await tx.user.update({ where: { id: user.id }, data: { role } });
      return user.role;
    });
    return { value: undefined, detail: { from, to: role } };
  });
