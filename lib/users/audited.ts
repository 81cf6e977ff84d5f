import { recordAudit, type TAuditEntry } from '@/lib/audit/record-audit';
import type { TDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';

// Who asks for an account operation: `user:NAME`, `token:NAME` or `cli:OS-USER`.
export type TActor = { actor: string; ip?: string | null };

type TOutcome<T> = { value: T; detail?: TAuditEntry['detail'] };

// Runs an account operation and writes its audit row whatever the outcome:
// ok, denied (refused by a rule) or failed (anything else).
export const audited = async <T>({ db, by, action, target }: { db: TDb; by: TActor; action: string; target: string }, run: () => Promise<TOutcome<T>>): Promise<T> => {
  try {
    const { value, detail } = await run();
    await recordAudit(db, { actor: by.actor, ip: by.ip, action, target, result: 'ok', detail });
    return value;
  } catch (e) {
    const isRefusal = isAppError(e) && ['CONFLICT', 'INVALID', 'FORBIDDEN', 'RATE_LIMITED'].includes(e.code);
    await recordAudit(db, { actor: by.actor, ip: by.ip, action, target: target.slice(0, 191), result: isRefusal ? 'denied' : 'failed', detail: { reason: isAppError(e) ? e.code.toLowerCase() : 'error' } });
    throw e;
  }
};
