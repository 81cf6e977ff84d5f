import { deleteSessionsOf } from '@/lib/auth/sessions';
import type { TDb } from '@/lib/db/client';
import { endRealtimeFor } from '@/lib/realtime/end-realtime';
import { audited, type TActor } from './audited';
import { findUser } from './find-user';
import { assertNotLastAdmin } from './last-admin';

// Disabling keeps the account (and its audit trail) but ends its sessions and
// live connections; sign-in is refused until it is enabled again.
export const disableUser = ({ db, name, by }: { db: TDb; name: string; by: TActor }): Promise<void> =>
  audited({ db, by, action: 'user.disable', target: name }, async () => {
    const ended = await db.$transaction(async (tx) => {
      const user = await findUser({ db: tx, name });
      if (user.disabledAt !== null) return [];
      await assertNotLastAdmin({ db: tx, user, doing: 'disable' });
      await tx.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
      return deleteSessionsOf({ db: tx, userId: user.id });
    });
    endRealtimeFor({ user: name });
    return { value: undefined, detail: { sessions: ended.length } };
  });
