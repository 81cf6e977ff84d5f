import { AppError } from '@/lib/errors/app-error';
import { USER_NAME_RE } from './create-user';

// A name that could never have been created is answered like an unknown one,
// before any query: MySQL's PAD SPACE collations would otherwise match
// "admin " (a URL's "admin%20") to the user admin.
export const requireUserName = (name: string): string => {
  if (!USER_NAME_RE.test(name)) throw new AppError('NOT_FOUND', `no user named "${name.slice(0, 80)}"`);
  return name;
};
