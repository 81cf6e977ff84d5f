import type { TRole } from '@/lib/auth/roles';
import { resolveSession, SESSION_COOKIE } from '@/lib/auth/sessions';
import type { TDb } from '@/lib/db/client';
import { verifyToken } from '@/lib/tokens/verify-token';

export type TPrincipal = { kind: 'user' | 'token'; name: string; role: TRole };

// A value with a malformed percent-escape (%E0%A4%A) is no session we issued:
// treat it as absent (401, or the sign-in page), never as a server error.
export const cookieValue = (cookieHeader: string | null | undefined, name: string): string | null => {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return null;
    }
  }
  return null;
};

// Who is asking: a bearer token (scripts) or the session cookie (browsers).
export const authenticate = async ({ db, authorization, cookie }: { db: TDb; authorization: string | null | undefined; cookie: string | null | undefined }): Promise<TPrincipal | null> => {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (bearer) {
    const t = await verifyToken({ db, token: bearer });
    return t ? { kind: 'token', ...t } : null;
  }
  const token = cookieValue(cookie, SESSION_COOKIE);
  if (!token) return null;
  const u = await resolveSession({ db, token });
  return u ? { kind: 'user', ...u } : null;
};

export const actorOf = (p: TPrincipal | null): string => (p ? `${p.kind}:${p.name}` : 'anonymous');
