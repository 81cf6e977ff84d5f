import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations, setUpLabPair, signInAs, tearDownLabPair, type TViewer } from './lab-pair';

// A planned switchover from the cluster view against the real lab: the dry
// run's preflight and plan, the typed confirmation, the steps ticking live,
// the VIP moving on the page, then the run in the history and on its page.
// The lab is built here and always taken down again.
test.describe.configure({ mode: 'serial' });

const CLUSTER = 'swpair';
const VIEWER: TViewer = { name: 'e2e-vera', password: 'vera-viewer-password-5Tn', role: 'viewer' };
let api: APIRequestContext;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  api = await setUpLabPair(CLUSTER, VIEWER, { kind: 'switchover', params: { to: 'node2' }, dryRun: true }, 90_000);
});

test.afterAll(async () => {
  await tearDownLabPair(api, CLUSTER, VIEWER);
});

const signInAsViewer = (browser: Browser): Promise<Page> => signInAs(browser, VIEWER);

test('an operator switches over to node2: preflight and plan, typed confirmation, live steps, summary, history', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`/clusters/${CLUSTER}`);
  const holder = page.getByRole('status', { name: 'VIP holder' });
  await expect(holder).toHaveText('node1', { timeout: 30_000 });
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  await page.getByRole('button', { name: 'Switch over to node2' }).click();
  const dialog = page.getByRole('dialog', { name: `Switch over ${CLUSTER} to node2` });
  await expect(dialog).toBeVisible();
  const checks = dialog.getByRole('list', { name: 'Preflight checks' }).getByRole('listitem');
  await expect(checks.first()).toBeVisible({ timeout: 30_000 });
  const verdicts = await checks.evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''));
  expect(verdicts.length).toBeGreaterThan(0);
  expect(verdicts.filter((v) => !v.endsWith(': ok'))).toEqual([]);
  const plan = dialog.getByRole('list', { name: 'Plan' });
  await expect(plan).toContainText('Stop writes on node1 (read_only=ON)');
  await expect(plan).toContainText('Move the VIP to node2');
  await expect(plan).toContainText(/SET GLOBAL read_only/i);
  await page.screenshot({ path: test.info().outputPath('1-dry-run.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page, 'the dry-run dialog');

  const confirm = dialog.getByRole('button', { name: 'Switch over', exact: true });
  const typed = dialog.getByLabel(`Type ${CLUSTER} to confirm`);
  await expect(confirm).toBeDisabled();
  await typed.fill(`${CLUSTER}x`);
  await expect(confirm).toBeDisabled();
  await typed.fill(CLUSTER);
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(dialog).toBeHidden();

  // The steps tick live (the e2e server pauses between steps, so a finished
  // step is seen while the run still runs).
  const panel = page.getByRole('region', { name: /^switchover node1 → node2$/i });
  await expect(panel).toBeVisible();
  const steps = panel.getByRole('list', { name: 'Steps' });
  await expect(steps.getByRole('listitem', { name: 'Step 1: done' })).toBeVisible({ timeout: 20_000 });
  await expect(panel).toContainText(/Step \d+ of \d+/);
  await page.screenshot({ path: test.info().outputPath('2-running.png'), fullPage: true });
  const summary = panel.getByRole('region', { name: 'Run summary' });
  await expect(summary).toContainText('succeeded', { timeout: 60_000 });
  await expect(summary).toContainText('node1 → node2');
  await expect(summary).toContainText(/Writes blocked\s*\d+(\.\d)? m?s/);
  await expect(summary).toContainText('VIP on node2, writable: node2');
  expect(await steps.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? '').filter((l) => !/: (done|warning)$/.test(l)))).toEqual([]);
  await expect(holder).toHaveText('node2', { timeout: 20_000 });
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await page.screenshot({ path: test.info().outputPath('3-succeeded.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page, 'the cluster view with the run panel');

  // Now the button offers the way back, and the run is in the history.
  await expect(page.getByRole('button', { name: 'Switch over to node1' })).toBeEnabled({ timeout: 20_000 });
  const history = page.getByRole('region', { name: 'Action runs' });
  const row = history.getByRole('row').filter({ hasText: 'node1 → node2' }).first();
  await expect(row).toContainText('succeeded');
  await expect(row).toContainText('e2e-admin');
  await row.getByRole('link', { name: /^Run [0-9a-f]{8}$/ }).click();

  await expect(page).toHaveURL(/\/actions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: /^switchover run [0-9a-f]{8}$/i })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Run summary' })).toContainText('succeeded');
  await expect(page.getByRole('table')).toContainText('node2');
  const detailSteps = page.getByRole('list', { name: 'Steps' });
  await expect(detailSteps).toContainText('Stop writes on node1 (read_only=ON)');
  await expect(detailSteps).toContainText(/SET GLOBAL read_only/i);
  await expect(page.getByRole('button', { name: 'Acknowledge…' })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('4-run-page.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page, 'the run page');
});

test('a viewer sees the history and the run, without switchover, abort or acknowledge buttons', async ({ browser }) => {
  const viewer = await signInAsViewer(browser);
  await viewer.goto(`/clusters/${CLUSTER}`);
  await expect(viewer.getByRole('status', { name: 'VIP holder' })).toHaveText('node2', { timeout: 30_000 });
  const history = viewer.getByRole('region', { name: 'Action runs' });
  await expect(history.getByRole('row').filter({ hasText: 'node1 → node2' })).toContainText('succeeded');
  await expect(viewer.getByRole('button', { name: /^Switch over/ })).toHaveCount(0);
  await history.getByRole('link', { name: /^Run [0-9a-f]{8}$/ }).first().click();
  await expect(viewer.getByRole('region', { name: 'Run summary' })).toContainText('succeeded');
  await expect(viewer.getByRole('button', { name: /^(Abort|Acknowledge)/ })).toHaveCount(0);
  await viewer.context().close();
});
