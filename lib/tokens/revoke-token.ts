import type { TDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { endRealtimeFor } from '@/lib/realtime/end-realtime';
import { TOKEN_NAME_RE } from './schema';

// A name that could not have been created is answered as unknown before any
// query (MySQL's PAD SPACE would match "ci " to the token ci).
export const revokeToken = async ({ db, name }: { db: TDb; name: string }): Promise<void> => {
  const notFound = new AppError('NOT_FOUND', `no active token named "${name.slice(0, 80)}"`);
  if (!TOKEN_NAME_RE.test(name)) throw notFound;
  const r = await db.apiToken.updateMany({ where: { name, revokedAt: null }, data: { revokedAt: new Date() } });
  if (r.count === 0) throw notFound;
  endRealtimeFor({ token: name });
};
