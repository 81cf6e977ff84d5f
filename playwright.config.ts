import { readFileSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { ADMIN_STATE, E2E_ADMIN } from './e2e/credentials';

// E2E runs the production build through server.ts against a throwaway SQLite
// inventory in .tmp/e2e. Browsers are never downloaded: Debian's chromium.
const PORT = 3123;
// As `npm start` runs it (scripts/server-node-flags.json).
const serverNodeFlags: string[] = JSON.parse(readFileSync('scripts/server-node-flags.json', 'utf8'));
const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl && !/^file:|^mysql:\/\/[^@]*@(127\.0\.0\.1|localhost)[:/]/.test(databaseUrl)) {
  throw new Error('refusing to run e2e tests against a non-local DATABASE_URL');
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  forbidOnly: true,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/, use: { browserName: 'chromium' } },
    { name: 'signin', testMatch: /signin\.spec\.ts/, use: { browserName: 'chromium' } },
    { name: 'chromium', testMatch: /(clusters|dashboard|account|tokens|notifications|switchover|drill|repair)\.spec\.ts/, dependencies: ['setup'], use: { browserName: 'chromium', storageState: ADMIN_STATE } },
  ],
  webServer: {
    // A fresh inventory with one admin, then the server.
    command: `rm -rf .tmp/e2e && mkdir -p .tmp/e2e && printf '%s' '${E2E_ADMIN.password}' | node scripts/tandem.mjs users add ${E2E_ADMIN.name} --role admin --password-stdin && exec node ${serverNodeFlags.join(' ')} --import tsx server.ts > .tmp/e2e/server.log 2>&1`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    // A pause between action steps, so a spec sees a switchover's steps tick
    // one by one (a lab switchover takes only ~3–5 s).
    env: { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(PORT), TANDEM_DATA_DIR: '.tmp/e2e/data', DATABASE_URL: '', NEXT_TELEMETRY_DISABLED: '1', TANDEM_ACTION_STEP_PAUSE_MS: '400' },
  },
});
