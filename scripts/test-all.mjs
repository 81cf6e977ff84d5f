#!/usr/bin/env node
// `npm test`: every suite (unit, integration on SQLite and MariaDB, e2e in
// Chromium), then one summary line "N passed, N failed" that CI reads.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { ensureBuild, ensureDebianPackages, ensureNodeModules, TEST_DEBIAN_PACKAGES } from './prerequisites.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
ensureDebianPackages(TEST_DEBIAN_PACKAGES);
ensureNodeModules();
ensureBuild();

mkdirSync('.tmp', { recursive: true });
const results = [];

const runSuite = (name, cmd, args, env, count) => {
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  let counts;
  try {
    counts = count();
  } catch (e) {
    counts = { passed: 0, failed: 1, note: `no report (${e.message})` };
  }
  // A runner that died without failing a test still fails the run.
  if (r.status !== 0 && counts.failed === 0) counts = { ...counts, failed: 1, note: `exited with ${r.status ?? r.signal}` };
  results.push({ name, ...counts });
};

const VITEST_JSON = '.tmp/vitest.json';
rmSync(VITEST_JSON, { force: true });
const vitestCounts = (file) => () => {
  const j = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: j.numPassedTests, failed: j.numFailedTests + (j.numTotalTestSuites > 0 && j.success === false && j.numFailedTests === 0 ? 1 : 0) };
};
const projects = (...names) => names.flatMap((n) => ['--project', n]);
runSuite('vitest: unit + integration (SQLite, MariaDB) + lab', 'npx', ['--no-install', 'vitest', 'run', ...projects('unit', 'integration-sqlite', 'integration-mysql', 'lab'), '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`], {}, vitestCounts(VITEST_JSON));

// Three servers booting beside the lab slowed its daemons past its timing
// checks: the multi-server suite runs alone, after it.
const MULTI_JSON = '.tmp/vitest-multi.json';
rmSync(MULTI_JSON, { force: true });
runSuite('vitest: multi-server (three servers, MariaDB, Redis)', 'npx', ['--no-install', 'vitest', 'run', ...projects('multi-server'), '--reporter=default', '--reporter=json', `--outputFile.json=${MULTI_JSON}`], {}, vitestCounts(MULTI_JSON));

const PW_JSON = '.tmp/playwright.json';
rmSync(PW_JSON, { force: true });
runSuite('playwright: e2e in /usr/bin/chromium', 'npx', ['--no-install', 'playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: PW_JSON, PLAYWRIGHT_JSON_OUTPUT_NAME: PW_JSON }, () => {
  if (!existsSync(PW_JSON)) throw new Error('playwright wrote no JSON report');
  const s = JSON.parse(readFileSync(PW_JSON, 'utf8')).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected + (s.skipped ?? 0) };
});

console.log('');
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
