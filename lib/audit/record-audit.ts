import type { TDb } from '@/lib/db/client';
import { logger } from '@/lib/log';

export type TAuditEntry = { actor: string; ip?: string | null; action: string; target?: string | null; result: 'ok' | 'denied' | 'failed'; detail?: Record<string, string | number | boolean | null> };

// Appends one audit row. Callers pass names and codes, never request bodies,
// so no secret can reach the log.
export const recordAudit = async (db: TDb, entry: TAuditEntry): Promise<void> => {
  try {
    await db.auditEvent.create({
      data: { at: new Date(), actor: entry.actor, ip: entry.ip ?? null, action: entry.action, target: entry.target ?? null, result: entry.result, detail: entry.detail ? JSON.stringify(entry.detail) : null },
    });
  } catch (e) {
    logger.error('could not write the audit log', { action: entry.action, error: e instanceof Error ? e.message : String(e) });
  }
};
