#!/usr/bin/env node
// `npm test`: every suite (unit, integration on SQLite and MariaDB, e2e in
// Chromium), then one summary line "N passed, N failed" that CI reads.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { ensureBuild, ensureDebianPackages, ensureNodeModules } from './prerequisites.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
ensureDebianPackages();
ensureNodeModules();
ensureBuild();

mkdirSync('.tmp', { recursive: true });
const results = [];

const recordSuite = (name, r, count) => {
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

const runSuite = (name, cmd, args, env, count) => {
  console.log(`\n=== ${name} ===`);
  recordSuite(name, spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }), count);
};

const vitestCounts = (file) => () => {
  const j = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: j.numPassedTests, failed: j.numFailedTests + (j.numTotalTestSuites > 0 && j.success === false && j.numFailedTests === 0 ? 1 : 0) };
};
const vitestArgs = (file, projects) => ['--no-install', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`, ...projects.flatMap((p) => ['--project', p])];

// The lab suite runs its files one at a time and mostly waits on the lab
// (VRRP adverts, failovers, holds); unit and integration tests need no lab,
// so they run beside it in a second vitest, their output kept in a file and
// printed when they end. This took ≈ 5 minutes off a CI run on 2 cores.
const SIDE_JSON = '.tmp/vitest-side.json';
const SIDE_LOG = '.tmp/vitest-side.log';
const LAB_JSON = '.tmp/vitest-lab.json';
rmSync(SIDE_JSON, { force: true });
rmSync(LAB_JSON, { force: true });
const sideLog = openSync(SIDE_LOG, 'w');
const side = spawn('npx', vitestArgs(SIDE_JSON, ['unit', 'integration-sqlite', 'integration-mysql']), { stdio: ['ignore', sideLog, sideLog], env: { ...process.env, FORCE_COLOR: '0' } });
const sideDone = new Promise((resolve) => side.on('close', (code, signal) => resolve({ status: code, signal })));

runSuite('vitest: lab (namespaces, MariaDB, keepalived, sshd)', 'npx', vitestArgs(LAB_JSON, ['lab']), {}, vitestCounts(LAB_JSON));

const sideExit = await sideDone;
closeSync(sideLog);
console.log('\n=== vitest: unit + integration (SQLite, MariaDB), run beside the lab suite ===');
process.stdout.write(readFileSync(SIDE_LOG, 'utf8'));
recordSuite('vitest: unit + integration (SQLite, MariaDB)', sideExit, vitestCounts(SIDE_JSON));

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
