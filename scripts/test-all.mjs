#!/usr/bin/env node
// `npm test`: every suite (unit, integration on SQLite and MariaDB, the lab,
// multi-server, e2e in Chromium), then one summary line "N passed, N failed"
// that CI reads.
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { ensureBuild, ensureDebianPackages, ensureNodeModules, TEST_DEBIAN_PACKAGES } from './prerequisites.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
ensureDebianPackages(TEST_DEBIAN_PACKAGES);
ensureNodeModules();
ensureBuild();

mkdirSync('.tmp', { recursive: true });
const results = [];
const minutes = (ms) => `${(ms / 60_000).toFixed(1)} min`;

// Runs one suite to its end. With `logFile`, its output goes there (two
// suites at once would interleave line by line) and is printed afterwards.
const runSuite = (name, cmd, args, { env = {}, count, logFile }) =>
  new Promise((resolve) => {
    const started = Date.now();
    if (!logFile) console.log(`\n=== ${name} ===`);
    const child = spawn(cmd, args, { stdio: logFile ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } });
    // Both of the child's streams go to the one file, which is ended once,
    // after the child has closed both; its text is read once it is flushed.
    const out = logFile ? createWriteStream(logFile) : null;
    if (out) {
      out.on('error', (e) => console.error(`${name}: cannot write ${logFile}: ${e.message}`));
      child.stdout.pipe(out, { end: false });
      child.stderr.pipe(out, { end: false });
    }
    let spawnError = null;
    // Called once, from ended() below.
    const finish = (code, signal) => {
      if (out) process.stdout.write(`\n=== ${name} (ran beside the one above; its output follows) ===\n${existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''}`);
      let counts;
      try {
        counts = count();
      } catch (e) {
        counts = { passed: 0, failed: 1, note: `no report (${e.message})` };
      }
      // A runner that died without failing a test still fails the run.
      if (code !== 0 && counts.failed === 0) counts = { ...counts, failed: 1, note: spawnError ? `could not start: ${spawnError.message}` : `exited with ${code ?? signal}` };
      results.push({ name, ...counts, took: Date.now() - started });
      resolve();
    };
    let ending = false;
    const ended = (code, signal) => {
      if (ending) return;
      ending = true;
      if (out) out.end(() => finish(code, signal));
      else finish(code, signal);
    };
    child.on('close', ended);
    // A runner that could not start at all may never emit 'close'.
    child.on('error', (e) => {
      spawnError = e;
      if (child.pid === undefined) ended(null, 'spawn error');
    });
  });

const vitestCounts = (file) => () => {
  const j = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: j.numPassedTests, failed: j.numFailedTests + (j.numTotalTestSuites > 0 && j.success === false && j.numFailedTests === 0 ? 1 : 0) };
};
const vitest = (name, projectNames, jsonFile, opts = {}) => {
  rmSync(jsonFile, { force: true });
  const args = ['--no-install', 'vitest', 'run', ...projectNames.flatMap((n) => ['--project', n]), '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`];
  // nice(1): the suite runs at the lowest CPU priority.
  const [cmd, argv] = opts.nice ? ['nice', ['-n', '19', 'npx', ...args]] : ['npx', args];
  return runSuite(name, cmd, argv, { count: vitestCounts(jsonFile), logFile: opts.logFile });
};

// The lab suite and e2e (which brings the lab up too) spend most of their
// time waiting for keepalived, replication and drills; unit and integration
// spend theirs on the CPU. The two streams run side by side, the CPU-bound
// one at nice 19 so the lab's daemons and the collector under test get the
// CPU first (the lab checks timings: a failover within 5 s, a drill's
// figures within 300 ms of a witness). Measured on 2 cores: the whole CI
// run 30.7 min with every suite one after the other, 24.2 min so (lab 15.3
// and e2e 6.0 beside unit + integration 15.6, then multi-server 0.8).
const PW_JSON = '.tmp/playwright.json';
const e2e = () => {
  rmSync(PW_JSON, { force: true });
  return runSuite('playwright: e2e in /usr/bin/chromium', 'npx', ['--no-install', 'playwright', 'test', '--reporter=list,json'], {
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: PW_JSON, PLAYWRIGHT_JSON_OUTPUT_NAME: PW_JSON },
    count: () => {
      if (!existsSync(PW_JSON)) throw new Error('playwright wrote no JSON report');
      const s = JSON.parse(readFileSync(PW_JSON, 'utf8')).stats;
      return { passed: s.expected + s.flaky, failed: s.unexpected + (s.skipped ?? 0) };
    },
  });
};
await Promise.all([
  vitest('vitest: lab (root: namespaces, MariaDB, keepalived, sshd)', ['lab'], '.tmp/vitest-lab.json').then(e2e),
  vitest('vitest: unit + integration (SQLite, MariaDB)', ['unit', 'integration-sqlite', 'integration-mysql'], '.tmp/vitest.json', { nice: true, logFile: '.tmp/vitest-unit-integration.log' }),
]);

// Three servers booting beside the lab slowed its daemons past its timing
// checks: the multi-server suite runs alone, last.
await vitest('vitest: multi-server (three servers, MariaDB, Redis)', ['multi-server'], '.tmp/vitest-multi.json');

console.log('');
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''} in ${minutes(r.took)}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
