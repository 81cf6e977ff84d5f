import path from 'node:path';
import type { TDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log';
import { pruneAudit } from './prune-audit';

const DAY_MS = 86_400_000;

export const auditArchiveDir = (): string => path.join(getEnv().dataDir, 'audit-archive');

export const pruneExpiredAudit = (db: TDb, actor: string) =>
  pruneAudit({ db, before: new Date(Date.now() - getEnv().TANDEM_AUDIT_RETENTION_DAYS * DAY_MS), archiveDir: auditArchiveDir(), actor });

// The server prunes once shortly after starting and then daily.
export const startAuditRetention = (db: TDb): (() => void) => {
  const run = () =>
    void pruneExpiredAudit(db, 'system:retention')
      .then((r) => r.rows > 0 && logger.info('audit rows exported and pruned', { rows: r.rows, before: r.before, file: r.file }))
      .catch((e: unknown) => logger.error('audit retention failed', { error: e instanceof Error ? e.message : String(e) }));
  const first = setTimeout(run, 60_000);
  const daily = setInterval(run, DAY_MS);
  first.unref();
  daily.unref();
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
};
