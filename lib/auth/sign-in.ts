import { verifyPassword } from '@/lib/auth/password';
import { clearSignInFailures, recordSignInFailure, signInBlockedFor } from '@/lib/auth/rate-limit';
import { createSession } from '@/lib/auth/sessions';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';

// A fixed hash to verify against when the user does not exist, so a missing
// name costs the same time as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export const signIn = async (options: { db: TDb; name: string; password: string; ip: string | null; userAgent: string | null }) => {
  const { db, name, password, ip } = options;
  const wait = signInBlockedFor(name, ip);
  if (wait > 0) {
    await recordAudit(db, { actor: `user:${name}`, ip, action: 'auth.signin', result: 'denied', detail: { reason: 'rate-limited' } });
    throw new AppError('RATE_LIMITED', `too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minute(s)`, { retryAfterSeconds: wait });
  }
  const user = await db.user.findUnique({ where: { name }, omit: { passwordHash: false } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    recordSignInFailure(name, ip);
    await recordAudit(db, { actor: `user:${name}`, ip, action: 'auth.signin', result: 'failed' });
    throw new AppError('UNAUTHORIZED', 'wrong user name or password');
  }
  clearSignInFailures(name);
  const session = await createSession({ db, userId: user.id, ip, userAgent: options.userAgent });
  await recordAudit(db, { actor: `user:${name}`, ip, action: 'auth.signin', result: 'ok' });
  return { ...session, user: { name: user.name, role: user.role } };
};
