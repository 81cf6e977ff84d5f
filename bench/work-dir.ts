import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A bench's working directory (its inventory database, the data directory's
// key, server logs), removed when the process exits, whichever way it ends;
// kept and named when the bench failed, for the logs.
export const benchWorkDir = (name: string): string => {
  const dir = mkdtempSync(path.join(tmpdir(), `tandem-bench-${name}-`));
  process.on('exit', (code) => {
    if (code === 0) rmSync(dir, { recursive: true, force: true });
    else console.error(`${name}: its files (server logs, inventory) are kept in ${dir}`);
  });
  return dir;
};
