import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { clearSignInFailures, recordSignInFailure, signInBlockedFor } from '@/lib/auth/rate-limit';
import { deleteSessionsOf } from '@/lib/auth/sessions';
import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { endRealtimeFor } from '@/lib/realtime/end-realtime';
import { audited, type TActor } from './audited';
import { requireUserName } from './user-name';
import { assertPasswordRule } from './password-rule';

// A user changes their own password. The current one is asked for (a borrowed
// unlocked browser must not be enough) and counts against the sign-in rate
// limit, so this is no side door for guessing. Every other session ends; the
// one asking (keepSessionId) stays signed in.
export const changePassword = (options: { db: TDb; name: string; currentPassword: string; newPassword: string; keepSessionId?: string; by: TActor }): Promise<void> => {
  const { db, name, by } = options;
  return audited({ db, by, action: 'user.password-change', target: name }, async () => {
    const ip = by.ip ?? null;
    const wait = await signInBlockedFor(name, ip);
    if (wait > 0) throw new AppError('RATE_LIMITED', `too many wrong passwords; try again in ${Math.ceil(wait / 60)} minute(s)`, { retryAfterSeconds: wait });
    const user = await db.user.findUnique({ where: { name: requireUserName(name) }, omit: { passwordHash: false } });
    if (!user) throw new AppError('NOT_FOUND', `no user named "${name}"`);
    if (!(await verifyPassword(options.currentPassword, user.passwordHash))) {
      await recordSignInFailure(name, ip);
      throw new AppError('INVALID', 'the current password is wrong', { fields: { currentPassword: 'is wrong' } });
    }
    await clearSignInFailures(name);
    assertPasswordRule(options.newPassword, 'newPassword');
    const passwordHash = await hashPassword(options.newPassword);
    const ended = await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
      return deleteSessionsOf({ db: tx, userId: user.id, exceptId: options.keepSessionId });
    });
    if (ended.length > 0) endRealtimeFor({ sessionIds: ended });
    return { value: undefined, detail: { sessions: ended.length } };
  });
};
