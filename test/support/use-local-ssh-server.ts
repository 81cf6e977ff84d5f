import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createSshPool, type TSshPool } from '@/agents/ssh-pool';
import { startLocalSshServer, type TLocalSshServer } from './local-ssh-server';

// A test file's local SSH server (local-ssh-server.ts) and scratch directory,
// and a fresh Tandem SSH pool per test (disposed after it).
export const useLocalSshServer = (dirPrefix: string) => {
  let server: TLocalSshServer | undefined;
  let dir: string | undefined;
  let pool: TSshPool | undefined;
  beforeAll(async () => {
    server = await startLocalSshServer();
    dir = mkdtempSync(path.join(tmpdir(), dirPrefix));
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => pool?.disposeAll());
  const ready = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('useLocalSshServer: used before its beforeAll ran');
    return x;
  };
  return {
    get server(): TLocalSshServer {
      return ready(server);
    },
    get dir(): string {
      return ready(dir);
    },
    fresh: (): TSshPool => (pool = createSshPool({ onPinned: async () => undefined })),
  };
};
