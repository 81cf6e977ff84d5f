import type { TDb } from '@/lib/db/client';
import { audited, type TActor } from './audited';
import { findUser } from './find-user';

export const enableUser = ({ db, name, by }: { db: TDb; name: string; by: TActor }): Promise<void> =>
  audited({ db, by, action: 'user.enable', target: name }, async () => {
    const user = await findUser({ db, name });
    if (user.disabledAt !== null) await db.user.update({ where: { id: user.id }, data: { disabledAt: null } });
    return { value: undefined };
  });
