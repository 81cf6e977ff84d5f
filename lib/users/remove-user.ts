import type { TDb } from '@/lib/db/client';
import { endRealtimeFor } from '@/lib/realtime/end-realtime';
import { audited, type TActor } from './audited';
import { findUser } from './find-user';
import { assertNotLastAdmin } from './last-admin';

// Sessions go with the user (ON DELETE CASCADE); audit rows keep the name.
export const removeUser = ({ db, name, by }: { db: TDb; name: string; by: TActor }): Promise<void> =>
  audited({ db, by, action: 'user.remove', target: name }, async () => {
    const sessions = await db.$transaction(async (tx) => {
      const user = await findUser({ db: tx, name });
      await assertNotLastAdmin({ db: tx, user, doing: 'remove' });
      const count = await tx.session.count({ where: { userId: user.id } });
      await tx.user.delete({ where: { id: user.id } });
      return count;
    });
    endRealtimeFor({ user: name });
    return { value: undefined, detail: { sessions } };
  });
