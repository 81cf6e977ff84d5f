import { verifyPassword } from '@/lib/auth/password';
import { clearSignInFailures, recordSignInFailure, signInBlockedFor } from '@/lib/auth/rate-limit';
import { createSession, deleteSession } from '@/lib/auth/sessions';
import { recordAuditOrThrow } from '@/lib/audit/record-audit';
import { recordRefusal } from '@/lib/audit/record-refusal';
import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { logger } from '@/lib/log';
import { USER_NAME_RE } from '@/lib/users/create-user';

// A fixed hash to verify against when the user does not exist, so a missing
// name costs the same time as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export const signIn = async (options: { db: TDb; name: string; password: string; ip: string | null; userAgent: string | null }) => {
  const { db, name, password, ip } = options;
  // The creation rule first: a name it refuses never reaches the database,
  // where a PAD SPACE collation would find "admin" for "admin ".
  const canonical = USER_NAME_RE.test(name) ? name : null;
  const wait = await signInBlockedFor(canonical, ip);
  if (wait > 0) {
    await recordRefusal(db, { action: 'auth.signin', ip, result: 'denied', reason: 'rate-limited', name });
    throw new AppError('RATE_LIMITED', `too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minute(s)`, { retryAfterSeconds: wait });
  }
  const user = canonical === null ? null : await db.user.findUnique({ where: { name: canonical }, omit: { passwordHash: false } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  // A disabled account gets the wrong-password answer: the response must not
  // tell a guesser which names exist or that this password was right.
  const isDisabled = user?.disabledAt != null;
  if (!user || !ok || isDisabled || user.name !== canonical) {
    await recordSignInFailure(canonical, ip);
    const reason = canonical === null ? 'invalid-name' : !user ? 'unknown-user' : !ok ? 'wrong-password' : 'disabled';
    await recordRefusal(db, { action: 'auth.signin', ip, result: 'failed', reason, name });
    throw new AppError('UNAUTHORIZED', 'wrong user name or password');
  }
  await clearSignInFailures(user.name);
  const session = await createSession({ db, userId: user.id, ip, userAgent: options.userAgent });
  try {
    await recordAuditOrThrow(db, { actor: `user:${user.name}`, ip, action: 'auth.signin', result: 'ok' });
  } catch (e) {
    // An unaudited sign-in is refused: the session is withdrawn before anyone holds it.
    await deleteSession({ db, token: session.token }).catch(() => undefined);
    logger.error('sign-in refused: the audit log cannot be written', { error: e instanceof Error ? e.message : String(e) });
    throw new AppError('UNAVAILABLE', 'sign-in is unavailable: the audit log cannot be written; see the server log');
  }
  return { ...session, user: { name: user.name, role: user.role } };
};
