import { ZSignedInSchema, ZSignInSchema } from '@/lib/auth/schema';
import { SESSION_COOKIE } from '@/lib/auth/sessions';
import { ZOkSchema } from '@/lib/http/body-schemas';
import { ZPasswordChangeSchema, ZSessionsEndedSchema } from '@/lib/users/schema';
import { body, errorBody, type TArea } from '../operation';

const CLEARS = { 'set-cookie': `clears ${SESSION_COOKIE}` };

export const authArea: TArea = {
  tag: 'auth',
  description: 'Browser sessions: sign in for a cookie, sign out, change one’s own password. Scripts use API tokens instead (see tokens).',
  operations: [
    {
      method: 'POST',
      path: '/api/auth/signin',
      summary: 'Exchange a user name and password for a session cookie',
      description: `Sets \`${SESSION_COOKIE}\` (httpOnly, SameSite=Lax, Secure over HTTPS). The session ends after 12 h unused or at its absolute lifetime. Failed sign-ins are rate-limited per name and per address.`,
      auth: { kind: 'public' },
      body: body(ZSignInSchema, { alice: { name: 'alice', password: 'correct horse battery' } }),
      responses: { 200: { description: 'Signed in.', headers: { 'set-cookie': `${SESSION_COOKIE}=…; HttpOnly; SameSite=Lax; Path=/` }, body: body(ZSignedInSchema, { alice: { user: { name: 'alice', role: 'admin' } } }) } },
      errors: {
        401: { description: 'Wrong user name or password (also for a disabled user).', body: errorBody({ wrong: { error: 'unauthorized', message: 'wrong user name or password' } }) },
        429: { description: 'Too many failed sign-ins; `Retry-After` says when to try again.', body: errorBody({ limited: { error: 'rate_limited', message: 'too many failed sign-ins; try again in 5 minute(s)', retryAfterSeconds: 300 } }) },
        503: { description: 'The audit log cannot be written, so no sign-in is allowed.', body: errorBody({ unaudited: { error: 'unavailable', message: 'sign-in is unavailable: the audit log cannot be written; see the server log' } }) },
      },
    },
    {
      method: 'POST',
      path: '/api/auth/signout',
      summary: 'End this browser’s session',
      auth: { kind: 'role', role: 'viewer' },
      responses: { 200: { description: 'Signed out.', headers: CLEARS, body: body(ZOkSchema, { ok: { ok: true } }) } },
    },
    {
      method: 'POST',
      path: '/api/auth/signout-everywhere',
      summary: 'End every session of the caller, this one included',
      auth: { kind: 'session' },
      responses: { 200: { description: 'How many sessions ended.', headers: CLEARS, body: body(ZSessionsEndedSchema, { three: { ended: 3 } }) } },
    },
    {
      method: 'POST',
      path: '/api/auth/password',
      summary: 'Change one’s own password (the other sessions end)',
      auth: { kind: 'session' },
      body: body(ZPasswordChangeSchema, { change: { currentPassword: 'correct horse battery', newPassword: 'staple battery horse correct' } }),
      responses: { 200: { description: 'Changed.', body: body(ZOkSchema, { ok: { ok: true } }) } },
      errors: { 429: { description: 'Too many wrong current passwords.', body: errorBody({ limited: { error: 'rate_limited', message: 'too many wrong passwords; try again in 5 minute(s)', retryAfterSeconds: 300 } }) } },
    },
  ],
};
