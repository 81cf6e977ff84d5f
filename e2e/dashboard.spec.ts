import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, request as requestFactory, test, type APIRequestContext, type Page, type WebSocketRoute } from '@playwright/test';
import { ADMIN_STATE } from './credentials';

// The cluster view against the real lab: the page follows the VIP without a
// reload. The lab is built here and always taken down again.
test.describe.configure({ mode: 'serial' });

const labctl = (...args: string[]) => execFileSync('lab/labctl', args, { encoding: 'utf8', timeout: 180_000 });
const BASE = 'http://127.0.0.1:3123';
let api: APIRequestContext;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  labctl('down');
  const inventory = JSON.parse(labctl('up', '--fast-failover'));
  api = await requestFactory.newContext({ baseURL: BASE, storageState: ADMIN_STATE, extraHTTPHeaders: { origin: BASE } });
  const res = await api.post('/api/clusters', { data: { ...inventory, name: 'labpair' } });
  expect(res.status()).toBe(201);
});

test.afterAll(async () => {
  await api?.delete('/api/clusters/labpair');
  await api?.dispose();
  labctl('down');
});

test('the cluster view follows the VIP live: node1, node2 after stop-mysqld, node1 again after start', async ({ page }) => {
  test.setTimeout(120_000);
  const overview = await page.context().newPage();
  await overview.goto('/');
  const card = overview.getByRole('article', { name: 'labpair' });
  await page.goto('/clusters/labpair');
  const holder = page.getByRole('status', { name: 'VIP holder' });
  await expect(holder).toHaveText('node1', { timeout: 30_000 });
  await expect(card).toContainText('held by node1', { timeout: 10_000 });
  await expect(card).toContainText(/Lag: node2 → node1 0 s, node1 → node2 0 s/);
  await expect(page.getByRole('img', { name: /^Topology: / })).toHaveAccessibleName(/node1 holds the VIP; node2 → node1: running, IO Yes · SQL Yes · lag 0 s; node1 → node2: running/);
  await expect(page.getByRole('status', { name: 'Data freshness' })).toContainText('Live');
  const lag = page.getByRole('region', { name: 'Replication lag' });
  await expect(lag.locator('canvas')).toBeVisible();
  await expect(lag).toContainText(/node1: now 0 s/, { timeout: 15_000 });
  // The lab runs Tandem's heartbeat: true lag is drawn next to Seconds_Behind_Master.
  await expect(lag).toContainText(/node2: now 0 s \(heartbeat \d+\.\d s\)/, { timeout: 20_000 });
  await expect(lag.getByText('node2 heartbeat lag')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('1-holder-node1.png'), fullPage: true });

  labctl('fault', 'stop-mysqld', 'node1');
  await expect(holder).toHaveText('node2', { timeout: 10_000 });
  await expect(card).toContainText('held by node2', { timeout: 10_000 });
  await expect(card).toContainText('critical');
  await overview.screenshot({ path: test.info().outputPath('2-overview-critical.png'), fullPage: true });
  await expect(page.getByRole('region', { name: 'Findings' })).toContainText('mysql-unreachable', { timeout: 10_000 });
  // The picture, the keepalived timeline and the live log follow the failover too.
  await expect(page.getByRole('img', { name: /^Topology: / })).toHaveAccessibleName(/node2 holds the VIP; node1 → node2: (connecting|broken)/);
  await expect(page.getByRole('list', { name: 'keepalived transitions' })).toContainText('node2: BACKUP → MASTER');
  await expect(page.getByRole('log', { name: 'keepalived log' })).toContainText(/node2.*Entering MASTER STATE/);
  await page.screenshot({ path: test.info().outputPath('2-holder-node2.png'), fullPage: true });

  labctl('fault', 'start-mysqld', 'node1');
  await expect(holder).toHaveText('node1', { timeout: 20_000 });
  await expect(card).toContainText('held by node1', { timeout: 10_000 });
  await expect(page.getByRole('region', { name: 'Findings' })).not.toContainText('mysql-unreachable', { timeout: 10_000 });
  await page.screenshot({ path: test.info().outputPath('3-holder-node1-again.png'), fullPage: true });

  // A real split brain: both nodes claim the VIP, drawn as an alarm.
  labctl('fault', 'isolate', 'node2');
  await expect(holder).toHaveText('node1 and node2', { timeout: 10_000 });
  await expect(page.getByText('SPLIT BRAIN', { exact: true })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Topology: / })).toHaveAccessibleName(/split brain: node1 and node2 all hold the VIP/);
  await expect(card).toContainText(/held by node1 and node2\s*split brain/);
  await overview.screenshot({ path: test.info().outputPath('4-overview-split-brain.png'), fullPage: true });
  await expect(page.getByRole('region', { name: 'Findings' })).toContainText('split-brain');
  await page.screenshot({ path: test.info().outputPath('4-split-brain.png'), fullPage: true });
  labctl('fault', 'heal', 'node2');
  await expect(holder).toHaveText('node1', { timeout: 20_000 });

  // A real error 1236, with its cause and what to do about it.
  labctl('fault', 'break-binlog', 'node2');
  const findings = page.getByRole('region', { name: 'Findings' });
  await expect(findings).toContainText('replication-1236-missing-binlog-file', { timeout: 10_000 });
  await expect(findings).toContainText('Rebuild the replica');
  await expect(card).toContainText(/node1 → node2 broken/);
  await expect(card).toContainText('critical');
  await page.screenshot({ path: test.info().outputPath('5-error-1236.png'), fullPage: true });
});

// Socket.IO through a proxy the test can cut, to play a network blip.
const cuttableSocket = async (page: Page) => {
  let cut = false;
  const open: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (cut) return void ws.close();
    ws.connectToServer();
    open.push(ws);
  });
  await page.route(/\/socket\.io\//, (route) => (cut ? route.abort() : route.continue()));
  return {
    cut: async () => {
      cut = true;
      await Promise.all(open.splice(0).map((ws) => ws.close()));
    },
    restore: () => void (cut = false),
  };
};

test('after a network blip the page says so, then catches up without a reload', async ({ page }) => {
  test.setTimeout(90_000);
  const net = await cuttableSocket(page);
  await page.goto('/clusters/labpair');
  const freshness = page.getByRole('status', { name: 'Data freshness' });
  await expect(freshness).toContainText('Live', { timeout: 15_000 });
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  await net.cut();
  await expect(freshness).toContainText('Reconnecting…');
  await expect(page.getByRole('status', { name: 'Realtime connection' })).toContainText('Reconnecting');
  // What happens while the page is cut off: keepalived stops on node2.
  labctl('fault', 'stop-keepalived', 'node2');
  try {
    // While cut off the data's age keeps counting.
    await expect(freshness).toHaveAttribute('data-state', 'reconnecting');
    const ageOf = async () => Number((await freshness.textContent())?.match(/data (\d+) s old/)?.[1] ?? NaN);
    const age = await ageOf();
    await page.waitForTimeout(3000);
    expect(await ageOf()).toBeGreaterThanOrEqual(age + 2);
    await expect(freshness).toHaveAttribute('data-state', 'reconnecting');
    await expect(page.getByRole('region', { name: 'Findings' })).not.toContainText('keepalived-down');
    await page.screenshot({ path: test.info().outputPath('6-reconnecting.png'), fullPage: true });

    net.restore();
    await expect(freshness).toContainText('Live', { timeout: 20_000 });
    await expect(page.getByRole('region', { name: 'Findings' })).toContainText('keepalived-down', { timeout: 10_000 });
    // The transition that happened offline arrives too, fetched once on reconnect.
    await expect(page.getByRole('list', { name: 'keepalived transitions' })).toContainText(/node2: BACKUP → STOP/);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await page.screenshot({ path: test.info().outputPath('7-caught-up.png'), fullPage: true });
  } finally {
    labctl('fault', 'start-keepalived', 'node2');
  }
});

// A laptop's clock can be minutes off: the overview measures ages on the
// server's clock, from the render until the socket says hello and from the
// hello on, so no card is ever drawn stale because of it, not even for a tick.
test('a browser whose clock is ten minutes ahead never draws an overview card stale', async ({ page }) => {
  await page.addInitScript(() => {
    const realNow = Date.now.bind(Date);
    Date.now = () => realNow() + 600_000;
    const w = window as unknown as { __staleSeen: string[] };
    w.__staleSeen = [];
    new MutationObserver(() => {
      const text = document.body?.textContent ?? '';
      const stale = /observed \d+ s ago \(stale\)/.exec(text);
      if (stale) w.__staleSeen.push(stale[0]);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto('/');
  const card = page.getByRole('article', { name: 'labpair' });
  await expect(card).toContainText('observed just now', { timeout: 10_000 });
  // Past the hello and a few ticks of the clock.
  await page.waitForTimeout(3000);
  await expect(card).toContainText('observed just now');
  expect(await page.evaluate(() => (window as unknown as { __staleSeen: string[] }).__staleSeen)).toEqual([]);
});

test('the lag range is chosen with the keyboard; a wider range is loaded from the history', async ({ page }) => {
  await page.goto('/clusters/labpair');
  const fifteen = page.getByRole('button', { name: '15 min' });
  await expect(fifteen).toHaveAttribute('aria-pressed', 'true');
  await fifteen.focus();
  await page.keyboard.press('Tab');
  const hour = page.getByRole('button', { name: '1 h' });
  await expect(hour).toBeFocused();
  // The hour's history: a request reaching back ~60 minutes (not the page's own 15-minute catch-up).
  const reachesBack = (url: string) => Date.now() - Date.parse(new URL(url).searchParams.get('from') ?? '') > 50 * 60_000;
  const loaded = page.waitForResponse((r) => r.url().includes('/api/clusters/labpair/lag?from=') && reachesBack(r.url()) && r.status() === 200);
  await page.keyboard.press('Enter');
  await loaded;
  await expect(hour).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('img', { name: /^Lag chart, last 1 h: node1: now/ })).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the cluster view and the overview pass axe in the ${colorScheme} scheme (names, contrast, keyboard)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    for (const path of ['/clusters/labpair', '/']) {
      await page.goto(path);
      await expect(page.getByRole('main')).toBeVisible();
      if (path !== '/') await expect(page.getByRole('img', { name: /^Topology: / })).toBeVisible();
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), path).toEqual([]);
    }
    await page.goto('/clusters/labpair');
    await page.screenshot({ path: test.info().outputPath(`8-cluster-${colorScheme}.png`), fullPage: true });
  });
}
