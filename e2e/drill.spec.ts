import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations, setUpLabPair, signInAs, tearDownLabPair, type TViewer } from './lab-pair';

// A failover drill from the cluster view against the real lab: the warning,
// the dry run for the chosen failure, the typed confirmation, the steps
// ticking live with "Restore now" during the hold, then the report page
// (verdict, figures, the timeline SVG, the JSON export) and the history.
// The lab's inventory carries its own service commands (lab/service.ts), so
// the drill stops the lab's mysqld, not a systemd unit. The lab is built
// here and always taken down again.
test.describe.configure({ mode: 'serial' });

const CLUSTER = 'drpair';
const VIEWER: TViewer = { name: 'e2e-dora', password: 'dora-viewer-password-8Kq', role: 'viewer' };
const HOLD_SECONDS = 3;
let api: APIRequestContext;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  api = await setUpLabPair(CLUSTER, VIEWER, { kind: 'drill', params: { failure: 'stop-mysqld', holdSeconds: HOLD_SECONDS }, dryRun: true }, 120_000);
});

test.afterAll(async () => {
  await tearDownLabPair(api, CLUSTER, VIEWER);
});

const signInAsViewer = (browser: Browser): Promise<Page> => signInAs(browser, VIEWER);

test('an operator drills stop-mysqld on the VIP holder: warning, dry run, typed confirmation, Restore now, report, history', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(`/clusters/${CLUSTER}`);
  const holder = page.getByRole('status', { name: 'VIP holder' });
  await expect(holder).toHaveText('node1', { timeout: 30_000 });
  const history = page.getByRole('region', { name: 'Failover drills' });
  await expect(history).toContainText('No failover drill has run on this cluster yet.');

  await page.getByRole('button', { name: 'Run failover drill' }).click();
  const dialog = page.getByRole('dialog', { name: `Failover drill on ${CLUSTER}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('note')).toContainText('Writes through the VIP');
  await expect(dialog.getByRole('note')).toContainText('WILL stop');
  await expect(dialog.getByLabel('Failure')).toHaveValue('stop-mysqld');
  await expect(dialog.getByLabel('Node to break')).toHaveValue('node1');
  await dialog.getByLabel('Hold (seconds)').fill(String(HOLD_SECONDS));

  // The dry run for exactly this choice: every check passes, the plan breaks node1 for 3 s.
  const plan = dialog.getByRole('list', { name: 'Plan' });
  await expect(plan).toContainText(`Hold the failure ${HOLD_SECONDS} s`, { timeout: 30_000 });
  await expect(plan).toContainText('Break node1: stop-mysqld');
  await expect(plan).toContainText('service.sh');
  const checks = dialog.getByRole('list', { name: 'Preflight checks' }).getByRole('listitem');
  const verdicts = await checks.evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''));
  expect(verdicts.length).toBeGreaterThan(0);
  expect(verdicts.filter((v) => v.endsWith(': blocks'))).toEqual([]);
  expect(verdicts).toContain('service-commands: ok');
  await page.screenshot({ path: test.info().outputPath('1-dry-run.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page, 'the drill dialog');

  const start = dialog.getByRole('button', { name: 'Start drill' });
  const typed = dialog.getByLabel(`Type ${CLUSTER} to confirm`);
  await expect(start).toBeDisabled();
  await typed.fill(`${CLUSTER}x`);
  await expect(start).toBeDisabled();
  await typed.fill(CLUSTER);
  await expect(start).toBeEnabled();
  await start.click();
  await expect(dialog).toBeHidden();

  // The steps tick live. "Restore now" is offered during the hold; pressed
  // once the VIP has moved (pressed earlier, it can end the failure before
  // keepalived acted, as a CI run did 0.5 s into the hold), if the hold is
  // still on when the click lands (3 s is short), else the hold simply runs
  // out: both end in the same restore.
  const panel = page.getByRole('region', { name: /^drill stop-mysqld on node1$/i });
  await expect(panel).toBeVisible();
  const steps = panel.getByRole('list', { name: 'Steps' });
  await expect(steps.getByRole('listitem', { name: 'Step 1: done' })).toBeVisible({ timeout: 30_000 });
  const restoreNow = panel.getByRole('button', { name: 'Restore now' });
  await expect(restoreNow).toBeVisible({ timeout: 30_000 });
  await expect(holder).toHaveText('node2', { timeout: 30_000 });
  await restoreNow.click({ timeout: 2000 }).catch(() => undefined);
  await page.screenshot({ path: test.info().outputPath('2-holding.png'), fullPage: true });

  const summary = panel.getByRole('region', { name: 'Run summary' });
  await expect(summary).toContainText('succeeded', { timeout: 240_000 });
  await expect(summary.getByRole('group', { name: 'Drill verdict' })).toContainText('passed');
  await expect(summary).toContainText(/Write outage\s*\d+(\.\d+)? m?s/);
  expect(await steps.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? '').filter((l) => !/: (done|warning)$/.test(l)))).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('3-passed.png'), fullPage: true });

  // The history lists it with its figures; its link opens the report.
  const row = history.getByRole('row').filter({ hasText: 'stop-mysqld' }).first();
  await expect(row).toContainText('node1', { timeout: 20_000 });
  await expect(row).toContainText('passed');
  await expect(row).toContainText(/\+\d+(\.\d+)? m?s/);
  await panel.getByRole('link', { name: 'Drill report' }).click();

  await expect(page).toHaveURL(/\/actions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: /^drill run [0-9a-f]{8}$/i })).toBeVisible();
  const report = page.getByRole('region', { name: 'Drill report' });
  await expect(report.getByRole('group', { name: 'Drill verdict' })).toContainText('passed');
  const timings = report.locator('dl[aria-label="Drill timings"]');
  await expect(timings).toContainText('stop-mysqld on node1');
  // Negative when the monitor saw the failure before the stop command returned.
  await expect(timings).toContainText(/Detected\s*[+−]\d+(\.\d+)? m?s/);
  await expect(timings).toContainText(/VIP moved\s*\+\d+(\.\d+)? m?s to node2/);
  await expect(timings).toContainText(/Write outage\s*\d+(\.\d+)? m?s/);
  await expect(timings).toContainText(/Restored\s*\+\d+(\.\d+)? m?s/);
  const writes = report.getByRole('table', { name: 'Probe writes' }).getByRole('cell');
  expect(Number(await writes.nth(1).textContent())).toBeGreaterThan(0);
  await expect(writes.nth(2)).toHaveText('0');
  await expect(writes.nth(3)).toHaveText('0');
  // The timeline: an SVG with bars and bands, its events listed below.
  const chart = report.getByRole('img', { name: 'Drill timeline' });
  await expect(chart).toBeVisible({ timeout: 20_000 });
  expect(await chart.locator('rect').count()).toBeGreaterThan(20);
  await expect(report.getByRole('list', { name: 'Drill marks' })).toContainText('failure injected');
  await expect(report.getByRole('list', { name: 'Drill marks' })).toContainText('restored');
  // node2's keepalived taking over is what the monitor saw first.
  await expect(report.getByRole('table', { name: 'Monitor events during the drill' })).toContainText('keepalived-transition');
  const exportLink = report.getByRole('link', { name: 'Export JSON' });
  const href = await exportLink.getAttribute('href');
  expect(href).toMatch(/\/api\/actions\/[0-9a-f-]{36}\/report\?download=1$/);
  const exported = await page.request.get(href ?? '');
  expect(exported.status()).toBe(200);
  expect(exported.headers()['content-disposition']).toMatch(/^attachment; filename="tandem-drill-drpair-/);
  const document = (await exported.json()) as { run: { result: { verdict: string; writes: { lost: number } } }; evidence: { timeline: { buckets: unknown[] } } };
  expect(document.run.result.verdict).toBe('passed');
  expect(document.run.result.writes.lost).toBe(0);
  expect(document.evidence.timeline.buckets.length).toBeGreaterThan(10);
  await page.screenshot({ path: test.info().outputPath('4-report.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page, 'the drill report');
});

test('a viewer sees the drill history and the report, without the drill or Restore now buttons', async ({ browser }) => {
  const viewer = await signInAsViewer(browser);
  await viewer.goto(`/clusters/${CLUSTER}`);
  await expect(viewer.getByRole('status', { name: 'VIP holder' })).toHaveText('node2', { timeout: 30_000 });
  await expect(viewer.getByRole('button', { name: 'Run failover drill' })).toHaveCount(0);
  const history = viewer.getByRole('region', { name: 'Failover drills' });
  await expect(history.getByRole('row').filter({ hasText: 'stop-mysqld' })).toContainText('passed');
  await history.getByRole('link', { name: /^Report [0-9a-f]{8}$/ }).first().click();
  await expect(viewer.getByRole('region', { name: 'Drill report' }).getByRole('img', { name: 'Drill timeline' })).toBeVisible({ timeout: 20_000 });
  await expect(viewer.getByRole('button', { name: /^(Abort|Acknowledge|Restore now)/ })).toHaveCount(0);
  await viewer.context().close();
});
