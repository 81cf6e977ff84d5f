import type { TDb } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/clusters/is-unique-violation';

export type TMember = { id: string; instance: string; process: string; url: string };

// Joins as id. A row of the same id whose heartbeat is older than the TTL is
// a previous run of this server (a restart): taken over. A fresh one is
// another live process configured with the same TANDEM_SERVER_ID: false.
export const joinMembership = async ({ db, member, now, ttlMs }: { db: TDb; member: TMember; now: Date; ttlMs: number }): Promise<boolean> => {
  const data = { instance: member.instance, process: member.process, url: member.url, startedAt: now, heartbeatAt: now };
  const taken = await db.serverMember.updateMany({ where: { id: member.id, OR: [{ instance: member.instance }, { heartbeatAt: { lt: new Date(now.getTime() - ttlMs) } }] }, data });
  if (taken.count === 1) return true;
  try {
    await db.serverMember.create({ data: { id: member.id, ...data } });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
};

// false: the row is no longer this process's (another process took the id
// after this one went silent for a whole TTL).
export const renewMembership = async ({ db, member, now }: { db: TDb; member: TMember; now: Date }): Promise<boolean> =>
  (await db.serverMember.updateMany({ where: { id: member.id, instance: member.instance }, data: { heartbeatAt: now } })).count === 1;

export const liveMembers = ({ db, now, ttlMs }: { db: TDb; now: Date; ttlMs: number }) =>
  db.serverMember.findMany({ where: { heartbeatAt: { gt: new Date(now.getTime() - ttlMs) } }, orderBy: { id: 'asc' } });

export const leaveMembership = async ({ db, member }: { db: TDb; member: TMember }): Promise<void> => {
  await db.serverMember.deleteMany({ where: { id: member.id, instance: member.instance } });
};
