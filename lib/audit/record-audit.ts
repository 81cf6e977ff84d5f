import type { TDb } from '@/lib/db/client';
import { logger } from '@/lib/log';

export type TAuditEntry = { actor: string; ip?: string | null; action: string; target?: string | null; result: 'ok' | 'denied' | 'failed'; detail?: Record<string, string | number | boolean | null | string[]> };

const rowOf = (entry: TAuditEntry) => ({
  at: new Date(),
  actor: entry.actor.slice(0, 120),
  ip: entry.ip ?? null,
  action: entry.action,
  target: entry.target ?? null,
  result: entry.result,
  detail: entry.detail ? JSON.stringify(entry.detail) : null,
});

// Appends one audit row; throws when it cannot. For what must not happen
// unaudited (a sign-in): the caller refuses the operation instead.
export const recordAuditOrThrow = async (db: TDb, entry: TAuditEntry): Promise<void> => {
  await db.auditEvent.create({ data: rowOf(entry) });
};

// Appends one audit row. Callers pass names and codes, never request bodies,
// so no secret can reach the log. A failure is logged, not thrown: it must not
// turn an already completed change into an error.
export const recordAudit = async (db: TDb, entry: TAuditEntry): Promise<void> => {
  try {
    await recordAuditOrThrow(db, entry);
  } catch (e) {
    logger.error('could not write the audit log', { action: entry.action, error: e instanceof Error ? e.message : String(e) });
  }
};
