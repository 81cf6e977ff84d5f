import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/audit/list-audit';
import { getDb } from '@/lib/db/client';
import { testDatabase } from '../support/use-test-database';

const DAY = 86_400_000;

describe('audit retention', () => {
  it('exports rows past the retention to a private file before deleting them, and audits the pruning', async () => {
    const db = await getDb();
    const old = Date.now() - 400 * DAY;
    for (let i = 0; i < 3; i++) await db.auditEvent.create({ data: { at: new Date(old + i), actor: `user:old${i}`, action: 'auth.signin', result: 'failed' } });
    await db.auditEvent.create({ data: { at: new Date(Date.now() - 10 * DAY), actor: 'user:recent', action: 'auth.signin', result: 'ok' } });

    const t = testDatabase();
    const r = spawnSync(process.execPath, ['scripts/tandem.mjs', 'audit', 'prune', '--json'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: t.url, TANDEM_DATA_DIR: t.dataDir, TANDEM_AUDIT_RETENTION_DAYS: '365' },
    });
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout) as { rows: number; file: string };
    expect(result.rows).toBe(3);

    const archived = readFileSync(result.file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { actor: string; at: string });
    expect(archived.map((a) => a.actor)).toEqual(['user:old0', 'user:old1', 'user:old2']);
    expect(statSync(result.file).mode & 0o777).toBe(0o600);
    expect(path.dirname(result.file)).toBe(path.join(t.dataDir, 'audit-archive'));

    const left = await listAudit({ db, limit: 1000 });
    expect(left.map((a) => a.actor)).not.toEqual(expect.arrayContaining(['user:old0']));
    expect(left.map((a) => a.actor)).toContain('user:recent');
    expect(left[0]).toMatchObject({ action: 'audit.prune', result: 'ok', actor: expect.stringMatching(/^cli:/) });
    expect(JSON.parse(left[0]?.detail ?? '{}')).toMatchObject({ rows: 3, file: path.basename(result.file) });

    // Nothing more to prune: no empty archive file, no audit row.
    const again = spawnSync(process.execPath, ['scripts/tandem.mjs', 'audit', 'prune', '--older-than-days', '365', '--json'], { encoding: 'utf8', timeout: 60_000, env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: t.url, TANDEM_DATA_DIR: t.dataDir } });
    expect(JSON.parse(again.stdout)).toMatchObject({ rows: 0, file: null });
    expect(readdirSync(path.join(t.dataDir, 'audit-archive'))).toHaveLength(1);
  });
});
