import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { AppError } from '@/lib/errors/app-error';

export const assertPasswordRule = (password: string, field = 'password'): void => {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError('INVALID', 'invalid password', { fields: { [field]: `must be at least ${MIN_PASSWORD_LENGTH} characters` } });
};
