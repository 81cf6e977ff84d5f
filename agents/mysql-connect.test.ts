import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMysql } from './mysql-connect';

// mysql2's default statement cache costs ≈ 2 ms of CPU and 0.5 MB of garbage
// per connection (bench/mysql-connect.ts); a drill opens dozens a second in
// Tandem's process. The fix holds only if every connection goes through
// openMysql, so this looks at the source for one that does not.
const ROOTS = ['agents', 'lab', 'lib', 'app', 'bench', 'scripts', 'components'];
// lib/db/migrate.ts: one connection to the inventory database per start, not
// a node. bench/mysql-connect.ts: mysql2's default is its baseline.
const ALLOWED = new Set(['agents/mysql-connect.ts', 'lib/db/migrate.ts', 'bench/mysql-connect.ts']);

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' || e.name === 'node_modules' ? [] : sources(p);
    return /\.(ts|tsx|mjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });

describe('MySQL connections to nodes', () => {
  it('are all opened through openMysql', () => {
    const offenders = ROOTS.flatMap(sources).filter((f) => {
      const text = readFileSync(f, 'utf8');
      return /from ['"]mysql2(\/promise)?['"]/.test(text) && /\b(createConnection|createPool|createPoolCluster)\s*\(/.test(text) && !ALLOWED.has(f);
    });
    expect(offenders).toEqual([]);
    // The scan itself must see the files it is about.
    expect(ROOTS.flatMap(sources)).toEqual(expect.arrayContaining(['agents/heartbeat.ts', 'agents/drill-probe.ts', 'lab/writer.ts']));
  });

  it('fail with the driver’s error, not a hang, when nothing listens', async () => {
    const t = Date.now();
    await expect(openMysql({ host: '127.0.0.1', port: 9, user: 'x', connectTimeout: 2000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(Date.now() - t).toBeLessThan(5000);
  });
});
