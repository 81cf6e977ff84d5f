import { deleteSessionsOf } from '@/lib/auth/sessions';
import type { TDb } from '@/lib/db/client';
import { endRealtimeFor } from '@/lib/realtime/end-realtime';
import { audited, type TActor } from './audited';
import { findUser } from './find-user';

// Signs a user out of every browser. The account stays usable: they can sign
// in again (disable it to stop that). "Sign out everywhere" is this, for oneself.
export const endSessions = ({ db, name, by, action = 'user.end-sessions' }: { db: TDb; name: string; by: TActor; action?: 'user.end-sessions' | 'auth.signout-everywhere' }): Promise<number> =>
  audited({ db, by, action, target: name }, async () => {
    const user = await findUser({ db, name });
    const ended = await deleteSessionsOf({ db, userId: user.id });
    endRealtimeFor({ user: name });
    return { value: ended.length, detail: { sessions: ended.length } };
  });
