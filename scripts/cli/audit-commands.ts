import { userInfo } from 'node:os';
import { auditArchiveDir, pruneExpiredAudit } from '@/lib/audit/audit-retention';
import { pruneAudit } from '@/lib/audit/prune-audit';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import type { TCommandContext } from './commands';

// tandem audit prune [--older-than-days N]: what the server's daily retention
// job does (TANDEM_AUDIT_RETENTION_DAYS), on demand; rows are exported first.
export const auditPrune = async (ctx: TCommandContext): Promise<void> => {
  const days = ctx.options?.['older-than-days'];
  const db = await getDb();
  const actor = `cli:${userInfo().username}`;
  let result;
  if (typeof days === 'string') {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 36500) throw new AppError('INVALID', '--older-than-days must be a whole number of days, 1–36500');
    result = await pruneAudit({ db, before: new Date(Date.now() - n * 86_400_000), archiveDir: auditArchiveDir(), actor });
  } else {
    result = await pruneExpiredAudit(db, actor);
  }
  ctx.out(ctx.json ? JSON.stringify(result) : result.rows === 0 ? `no audit rows before ${result.before}` : `exported ${result.rows} audit rows before ${result.before} to ${result.file}, then pruned them`);
};
