// Dashboard benchmark (root, lab, a production build): how fast the cluster
// view shows the current state, and how much JavaScript it ships.
// - Navigation to first rendered state: from page.goto to the VIP holder and
//   the topology picture being on screen (server-rendered), and to "Live"
//   (Socket.IO connected and following), median of 10, with a warm HTTP cache
//   (a DBA re-opening the page) and a cold one (a new browser profile).
// - JavaScript shipped: every script the page loads, gzip-compressed here.
// Baseline in the same run: the audit page (server-rendered table, no live
// parts), measured the same way. Writes bench/results/dashboard.json.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import serverNodeFlags from '../scripts/server-node-flags.json';
import { signIn as signInAs } from './browser';
import { median, round } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const PORT = 3457;
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN = { name: 'bench', password: `bench-${Date.now()}-pw` };
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const dir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-dashboard-'));
const env = { ...process.env, NODE_ENV: 'production' as const, HOST: '127.0.0.1', PORT: String(PORT), TANDEM_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', NEXT_TELEMETRY_DISABLED: '1' };
const labctl = (...args: string[]) => execFileSync('lab/labctl', args, { encoding: 'utf8', timeout: 180_000, stdio: ['ignore', 'pipe', 'inherit'] });
const tandem = (args: string[], input?: string) => execFileSync(process.execPath, ['scripts/tandem.mjs', ...args], { env, input, encoding: 'utf8', timeout: 60_000 });

const waitFor = async (what: string, ok: () => Promise<boolean>, timeoutMs: number) => {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (await ok().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
};

type TTarget = { name: string; path: string; rendered: (p: Page) => Promise<void>; live?: (p: Page) => Promise<void> };
const TARGETS: TTarget[] = [
  {
    name: 'cluster view',
    path: '/clusters/lab',
    rendered: async (p) => {
      await p.getByRole('status', { name: 'VIP holder' }).filter({ hasText: /node\d/ }).waitFor();
      await p.getByRole('img', { name: /^Topology: / }).waitFor();
    },
    live: (p) => p.getByRole('status', { name: 'Data freshness' }).filter({ hasText: /^Live/ }).waitFor(),
  },
  { name: 'audit page (baseline)', path: '/audit', rendered: (p) => p.getByRole('heading', { name: 'Audit log' }).waitFor() },
];

const signIn = (browser: Browser): Promise<BrowserContext> => signInAs(browser, { baseURL: BASE, ...ADMIN });

const navigate = async (ctx: BrowserContext, t: TTarget) => {
  const page = await ctx.newPage();
  const scripts: Promise<number[]>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.push(r.body().then((b) => [b.length, gzipSync(b).length]).catch(() => [0, 0]));
  });
  const t0 = performance.now();
  await page.goto(t.path, { waitUntil: 'commit' });
  await t.rendered(page);
  const renderedMs = performance.now() - t0;
  await t.live?.(page);
  const liveMs = t.live ? performance.now() - t0 : null;
  await page.waitForLoadState('load');
  const sizes = await Promise.all(scripts);
  await page.close();
  return { renderedMs, liveMs, scriptBytes: sizes.reduce((n, s) => n + (s[0] ?? 0), 0), scriptGzipBytes: sizes.reduce((n, s) => n + (s[1] ?? 0), 0), scripts: sizes.length };
};

let server: ReturnType<typeof spawn> | undefined;
let browser: Browser | undefined;
try {
  labctl('down');
  const inventory = path.join(dir, 'inventory.json');
  writeFileSync(inventory, labctl('up', '--fast-failover'));
  tandem(['users', 'add', ADMIN.name, '--role', 'admin', '--password-stdin'], ADMIN.password);
  tandem(['import', inventory]);
  server = spawn(process.execPath, [...serverNodeFlags, '--import', 'tsx', 'server.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitFor('the server', async () => (await fetch(`${BASE}/api/health`)).ok, 60_000);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const warm = await signIn(browser);
  // The collector's first full observation, so every run renders the same state.
  const probe = await warm.newPage();
  await waitFor('the first observation', async () => {
    await probe.goto('/clusters/lab');
    return (await probe.getByRole('status', { name: 'VIP holder' }).textContent()) === 'node1';
  }, 60_000);
  await probe.close();

  const results: Record<string, unknown> = {};
  const summary: Record<string, unknown> = {};
  for (const t of TARGETS) {
    await navigate(warm, t); // fills the HTTP cache for the warm runs
    const warmRuns = [];
    const coldRuns = [];
    for (let i = 0; i < RUNS; i += 1) {
      warmRuns.push(await navigate(warm, t));
      const cold = await signIn(browser);
      coldRuns.push(await navigate(cold, t));
      await cold.close();
    }
    const med = (xs: (number | null)[]) => round(median(xs.filter((x): x is number => x !== null)), 1);
    results[t.name] = { warm: warmRuns, cold: coldRuns };
    summary[t.name] = {
      renderedMsWarm: med(warmRuns.map((r) => r.renderedMs)),
      renderedMsCold: med(coldRuns.map((r) => r.renderedMs)),
      ...(t.live && { liveMsWarm: med(warmRuns.map((r) => r.liveMs)), liveMsCold: med(coldRuns.map((r) => r.liveMs)) }),
      scriptGzipKB: round(median(coldRuns.map((r) => r.scriptGzipBytes)) / 1024, 1),
      scriptKB: round(median(coldRuns.map((r) => r.scriptBytes)) / 1024, 1),
      scripts: median(coldRuns.map((r) => r.scripts)),
    };
    console.log(t.name, JSON.stringify(summary[t.name]));
  }
  mkdirSync('bench/results', { recursive: true });
  const out = { benchmark: 'dashboard', started: new Date().toISOString(), runs: RUNS, targets: { renderedMs: 1000, scriptGzipKB: 250 }, summary, results };
  writeFileSync('bench/results/dashboard.json', `${JSON.stringify(out, null, 2)}\n`);
  console.log('wrote bench/results/dashboard.json');
} finally {
  await browser?.close();
  if (server?.pid) {
    server.kill('SIGTERM');
    await new Promise((r) => server?.once('exit', r));
  }
  labctl('down');
  rmSync(dir, { recursive: true, force: true });
}
