// POST /api/auth/signin – exchange a user name and password for a session cookie
import { ZSignInSchema } from '@/lib/auth/schema';
import { SESSION_COOKIE } from '@/lib/auth/sessions';
import { signIn } from '@/lib/auth/sign-in';
import { toFieldErrors } from '@/lib/clusters/schema';
import { AppError } from '@/lib/errors/app-error';
import { getDb } from '@/lib/db/client';
import { readJsonBody } from '@/lib/http/read-json-body';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const POST = handle(async (req: Request) => {
  const parsed = ZSignInSchema.safeParse(await readJsonBody(req, 16 * 1024));
  if (!parsed.success) throw new AppError('INVALID', 'send { name, password }', { fields: toFieldErrors(parsed.error) });
  const body = parsed.data;
  const { token, absoluteExpiresAt, user } = await signIn({ db: await getDb(), ...body, ip: requestIp(req), userAgent: req.headers.get('user-agent') });
  const res = json({ user });
  // The cookie lives as long as the session could (its absolute lifetime); the
  // server refuses it earlier once 12 h pass unused.
  const secure = new URL(req.url).protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';
  res.cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: absoluteExpiresAt });
  return res;
});
