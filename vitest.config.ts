import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);
const integration = ['test/integration/**/*.test.ts'];

export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The whole inventory suite runs once per supported database.
    projects: [
      { extends: true, test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts', 'agents/**/*.test.ts', 'bench/**/*.test.ts', 'lab/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration-sqlite', include: integration, setupFiles: ['test/support/use-test-database.ts'], env: { TANDEM_TEST_DIALECT: 'sqlite' } },
      },
      {
        extends: true,
        test: {
          name: 'integration-mysql',
          include: integration,
          // The default SQLite file's modes: nothing MySQL-specific to run.
          // The CLI suite spawns ≈ 40 processes (two minutes here) that call
          // the same lib/ operations the API suite runs on MariaDB: once, on
          // SQLite, is enough.
          // Forwarded-address parsing and the route/description walk hold
          // nothing MySQL-specific either.
          exclude: ['test/integration/file-modes.test.ts', 'test/integration/cli.test.ts', 'test/integration/client-address-attacks.test.ts', 'test/integration/openapi-routes.test.ts'],
          globalSetup: ['test/support/mariadb-server.ts'],
          setupFiles: ['test/support/use-test-database.ts'],
          env: { TANDEM_TEST_DIALECT: 'mysql' },
        },
      },
      // Three real Tandem servers (the production build: `npm run build`
      // first) on a throwaway MariaDB and Redis.
      // Run on its own by scripts/test-all.mjs, after the others: booting
      // three servers beside the lab slowed its daemons enough to fail
      // timing checks.
      { extends: true, test: { name: 'multi-server', include: ['test/multi/**/*.test.ts'], globalSetup: ['test/support/mariadb-server.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
      // Needs root: builds network namespaces and runs MariaDB, keepalived and sshd.
      {
        extends: true,
        test: { name: 'lab', include: ['test/lab/**/*.test.ts'], fileParallelism: false, setupFiles: ['test/support/use-test-database.ts'], env: { TANDEM_TEST_DIALECT: 'sqlite' }, testTimeout: 120_000, hookTimeout: 180_000 },
      },
    ],
  },
});
