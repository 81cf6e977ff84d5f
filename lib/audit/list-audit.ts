import type { TDb } from '@/lib/db/client';

export type TAuditRow = { at: string; actor: string; ip: string | null; action: string; target: string | null; result: string; detail: string | null };

export const listAudit = async ({ db, since, actor, action, limit = 200 }: { db: TDb; since?: Date; actor?: string; action?: string; limit?: number }): Promise<TAuditRow[]> =>
  (
    await db.auditEvent.findMany({
      where: { ...(since && { at: { gte: since } }), ...(actor && { actor }), ...(action && { action }) },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: limit,
    })
  ).map((r) => ({ at: r.at.toISOString(), actor: r.actor, ip: r.ip, action: r.action, target: r.target, result: r.result, detail: r.detail }));
