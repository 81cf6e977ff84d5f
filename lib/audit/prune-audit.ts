import { closeSync, fsyncSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { TDb } from '@/lib/db/client';
import { recordAuditOrThrow } from './record-audit';

const BATCH = 1000;

export type TPruneResult = { rows: number; before: string; file: string | null };

// Audit retention: rows older than `before` are first written to a JSON Lines
// file in `archiveDir` (0600, fsynced), and only then deleted; the pruning is
// itself an audit row naming the file. Nothing is deleted that was not exported.
export const pruneAudit = async ({ db, before, archiveDir, actor }: { db: TDb; before: Date; archiveDir: string; actor: string }): Promise<TPruneResult> => {
  mkdirSync(archiveDir, { recursive: true, mode: 0o700 });
  const file = path.join(archiveDir, `audit-before-${before.toISOString().replace(/[:.]/g, '-')}-${Date.now()}.jsonl`);
  const fd = openSync(file, 'wx', 0o600);
  let rows = 0;
  let lastId = 0;
  try {
    for (;;) {
      const batch = await db.auditEvent.findMany({ where: { at: { lt: before }, id: { gt: lastId } }, orderBy: { id: 'asc' }, take: BATCH });
      if (batch.length === 0) break;
      writeSync(fd, batch.map((r) => `${JSON.stringify({ ...r, at: r.at.toISOString() })}\n`).join(''));
      rows += batch.length;
      lastId = batch[batch.length - 1]?.id ?? lastId;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (rows === 0) {
    unlinkSync(file);
    return { rows, before: before.toISOString(), file: null };
  }
  await db.auditEvent.deleteMany({ where: { at: { lt: before }, id: { lte: lastId } } });
  await recordAuditOrThrow(db, { actor, action: 'audit.prune', result: 'ok', detail: { rows, before: before.toISOString(), file: path.basename(file) } });
  return { rows, before: before.toISOString(), file };
};
