import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { TPrincipal } from '@/lib/auth/authenticate';
import { resolveSession, SESSION_COOKIE } from '@/lib/auth/sessions';
import { getDb } from '@/lib/db/client';

// For server-rendered pages: the signed-in user, or a redirect to sign-in.
// Once per request: the layout, the page and its loaders all ask.
export const currentUser = cache(async (): Promise<TPrincipal | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const user = await resolveSession({ db: await getDb(), token });
  return user ? { kind: 'user', ...user } : null;
});

export const requirePageUser = async (): Promise<TPrincipal> => {
  const user = await currentUser();
  if (!user) redirect('/signin');
  return user;
};
