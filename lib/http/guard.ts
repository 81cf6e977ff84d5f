import { actorOf, authenticate, cookieValue, type TPrincipal } from '@/lib/auth/authenticate';
import { canRead, type TRole } from '@/lib/auth/roles';
import { SESSION_COOKIE, sessionIdOf } from '@/lib/auth/sessions';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { requestIp } from '@/lib/http/request-identity';
import { isSameOrigin } from '@/lib/http/same-origin';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// A browser mutation must come from Tandem's own pages. Bearer tokens are not
// sent by browsers on their own, so token calls need no such check.
const fromOwnPages = (req: Request): boolean =>
  isSameOrigin({ origin: req.headers.get('origin'), host: req.headers.get('host'), forwardedHost: req.headers.get('x-forwarded-host'), secFetchSite: req.headers.get('sec-fetch-site') }, { allowMissing: false });

// Authenticates the request and checks the permission; returns who it is.
export const requirePrincipal = async (req: Request, allowed: (role: TRole) => boolean, action: string): Promise<TPrincipal> => {
  const db = await getDb();
  const principal = await authenticate({ db, authorization: req.headers.get('authorization'), cookie: req.headers.get('cookie') });
  if (!principal) throw new AppError('UNAUTHORIZED', 'sign in, or send Authorization: Bearer TOKEN');
  if (principal.kind === 'user' && MUTATING.has(req.method) && !fromOwnPages(req)) {
    await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action, result: 'denied', detail: { reason: 'cross-origin' } });
    throw new AppError('FORBIDDEN', 'cross-site request refused');
  }
  if (!allowed(principal.role)) {
    await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action, result: 'denied', detail: { role: principal.role } });
    throw new AppError('FORBIDDEN', `the ${principal.role} role may not do this`);
  }
  return principal;
};

// For a user's own account (password, sessions): a bearer token has neither,
// so only a browser session may ask. Returns the caller and their session id.
export const requireSessionUser = async (req: Request, action: string): Promise<{ principal: TPrincipal; sessionId: string }> => {
  const principal = await requirePrincipal(req, canRead, action);
  const token = cookieValue(req.headers.get('cookie'), SESSION_COOKIE);
  if (principal.kind !== 'user' || !token) throw new AppError('FORBIDDEN', 'only a signed-in user can do this; API tokens have no password or sessions');
  return { principal, sessionId: sessionIdOf(token) };
};
