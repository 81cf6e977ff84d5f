import { hashPassword } from '@/lib/auth/password';
import { deleteSessionsOf } from '@/lib/auth/sessions';
import type { TDb } from '@/lib/db/client';
import { endRealtimeFor } from '@/lib/realtime/end-realtime';
import { audited, type TActor } from './audited';
import { findUser } from './find-user';
import { assertPasswordRule } from './password-rule';

// An admin sets a new password, for a user who forgot theirs or whose password
// leaked: whoever is signed in with the old one is signed out.
export const resetPassword = ({ db, name, password, by }: { db: TDb; name: string; password: string; by: TActor }): Promise<void> =>
  audited({ db, by, action: 'user.password-reset', target: name }, async () => {
    const user = await findUser({ db, name });
    assertPasswordRule(password);
    const passwordHash = await hashPassword(password);
    const ended = await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
      return deleteSessionsOf({ db: tx, userId: user.id });
    });
    endRealtimeFor({ user: name });
    return { value: undefined, detail: { sessions: ended.length } };
  });
