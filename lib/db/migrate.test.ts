import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from './migrate';

// A CLI command starting while another process writes the same SQLite file
// (the server saving snapshots, another command migrating) waits for the
// lock instead of failing with SQLITE_BUSY.
const dir = mkdtempSync(path.join(tmpdir(), 'tandem-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Another process holds the write lock for holdMs; resolves once it holds it.
const holdWriteLock = (url: string, holdMs: number) =>
  new Promise<{ done: Promise<number | null> }>((resolve, reject) => {
    const script = `import { createClient } from '@libsql/client';
const c = createClient({ url: process.argv[1] });
const tx = await c.transaction('write');
await tx.execute('DELETE FROM "users" WHERE 0');
console.log('locked');
setTimeout(async () => { await tx.commit(); c.close(); }, Number(process.argv[2]));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, url, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const done = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('locked')) resolve({ done });
    });
    child.on('error', reject);
    void done.then((code) => reject(new Error(`lock holder exited (${code}) before it held the lock`)));
  });

describe('the start-up migration on a shared SQLite file', () => {
  it('waits for another writer to commit instead of failing', async () => {
    const url = `file:${path.join(dir, 'tandem.db')}`;
    await migrateDatabase({ url });
    const holder = await holdWriteLock(url, 800);
    const t0 = Date.now();
    await expect(migrateDatabase({ url })).resolves.toEqual({ applied: [] });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(await holder.done).toBe(0);
  }, 30_000);
});
