import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// mysql2's default statement cache costs ≈ 2 ms of CPU and 0.5 MB of garbage
// per connection (bench/mysql-connect.ts); a drill opens dozens a second in
// Tandem's process. The fix holds only if every connection goes through
// openMysql, so this looks at the source for one that does not.
const ROOTS = ['agents', 'lab', 'lib', 'app', 'bench', 'scripts', 'components'];
const ROOT_FILES = ['server.ts', 'proxy.ts', 'next.config.js'];
// lib/db/migrate.ts: one connection to the inventory database per start, not
// a node. bench/mysql-connect.ts: mysql2's default is its baseline.
const ALLOWED = new Set(['agents/mysql-connect.ts', 'lib/db/migrate.ts', 'bench/mysql-connect.ts']);

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' || e.name === 'node_modules' ? [] : sources(p);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });

// Anything that can reach mysql2's values: an import that is not `import
// type`, a require, a dynamic import. Types alone open nothing.
const VALUE_USE = [/^\s*import\s+(?!type\b)[^;]*?from\s*['"]mysql2(\/[\w-]+)?['"]/m, /\brequire\(\s*['"]mysql2/, /\bimport\(\s*['"]mysql2/, /^\s*export\s+[^;]*from\s*['"]mysql2/m];

describe('MySQL connections to nodes', () => {
  it('are all opened through openMysql: no other source uses mysql2 for more than its types', () => {
    const files = [...ROOTS.flatMap(sources), ...ROOT_FILES];
    const offenders = files.filter((f) => !ALLOWED.has(f) && VALUE_USE.some((re) => re.test(readFileSync(f, 'utf8'))));
    expect(offenders).toEqual([]);
    // The scan must see the files it is about, and catch the forms it looks for.
    expect(files).toEqual(expect.arrayContaining(['agents/heartbeat.ts', 'agents/drill-probe.ts', 'lab/writer.ts', 'server.ts']));
    for (const planted of ["import mysql from 'mysql2/promise';", "import { createConnection as open } from 'mysql2';", "const m = require('mysql2');", "const m = await import('mysql2/promise');", "export { createPool } from 'mysql2/promise';"]) expect(VALUE_USE.some((re) => re.test(planted)), planted).toBe(true);
    expect(VALUE_USE.some((re) => re.test("import type mysql from 'mysql2/promise';"))).toBe(false);
  });
});
