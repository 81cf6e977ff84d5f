import { expect, test, type APIRequestContext } from '@playwright/test';
import { query } from '../lab/mariadb';
import { expectNoSeriousAxeViolations, setUpLabPair, signInAs, tearDownLabPair, type TViewer } from './lab-pair';

// The repair wizard and the drift check from the cluster view against the
// real lab: replication stopped by hand on node2 (a plain STOP SLAVE through
// the lab's SQL helper, what `labctl fault stop-replication node2` runs), the
// wizard's diagnosis and its options, `restart` dry-run, confirmed and run
// with its steps live, then a drift check that finds the pair equal, its
// report and the history.
test.describe.configure({ mode: 'serial' });

const CLUSTER = 'rppair';
const VIEWER: TViewer = { name: 'e2e-rita', password: 'rita-viewer-password-3Vx', role: 'viewer' };
let api: APIRequestContext;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  // A drift check's dry run is allowed once both nodes replicate and the lab's tables exist.
  api = await setUpLabPair(CLUSTER, VIEWER, { kind: 'checksum', params: {}, dryRun: true }, 120_000);
});

test.afterAll(async () => {
  await tearDownLabPair(api, CLUSTER, VIEWER);
});

test('an operator repairs replication stopped by hand with restart, then a drift check finds the pair equal', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(`/clusters/${CLUSTER}`);
  await expect(page.getByRole('status', { name: 'VIP holder' })).toHaveText('node1', { timeout: 30_000 });
  await query('node2', 'STOP SLAVE');

  // The live state shows node2 broken: the wizard is offered for it alone.
  const repair = page.getByRole('button', { name: 'Repair node2…' });
  await expect(repair).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Repair node1…' })).toHaveCount(0);
  await repair.click();
  const dialog = page.getByRole('dialog', { name: 'Repair replication on node2' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: /^Cause:/ })).toContainText('stopped-by-hand', { timeout: 30_000 });
  // Recommended first; nothing is chosen (or run) until the operator picks.
  const restart = dialog.getByRole('radio', { name: /Restart replication/ });
  await expect(dialog.getByRole('radio').first()).toHaveAccessibleName(/Restart replication/);
  await expect(restart).toBeEnabled();
  await expect(restart).not.toBeChecked();
  await expect(dialog.getByRole('list', { name: 'Plan' })).toHaveCount(0);
  await restart.check();

  const plan = dialog.getByRole('list', { name: 'Plan' });
  await expect(plan).toContainText('START SLAVE', { timeout: 30_000 });
  await expect(plan).toContainText('Drift check');
  const checks = dialog.getByRole('list', { name: 'Preflight checks' }).getByRole('listitem');
  const verdicts = await checks.evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''));
  expect(verdicts.filter((v) => v.endsWith(': blocks'))).toEqual([]);
  expect(verdicts).toContain('replication-stopped: ok');
  await page.screenshot({ path: test.info().outputPath('1-wizard.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page, 'the repair wizard');

  const start = dialog.getByRole('button', { name: 'Start repair' });
  await expect(start).toBeDisabled();
  await dialog.getByLabel(`Type ${CLUSTER} to confirm`).fill(CLUSTER);
  await expect(start).toBeEnabled();
  await start.click();
  await expect(dialog).toBeHidden();

  const panel = page.getByRole('region', { name: /^repair node2: restart$/i });
  await expect(panel).toBeVisible();
  const summary = panel.getByRole('region', { name: 'Run summary' });
  await expect(summary).toContainText('succeeded', { timeout: 120_000 });
  const figures = summary.locator('dl[aria-label="Repair figures"]');
  await expect(figures).toContainText(/Before\s*IO No, SQL No/);
  await expect(figures).toContainText(/After\s*IO Yes, SQL Yes/);
  await expect(summary.getByRole('list', { name: 'Changes' })).toContainText('START SLAVE');
  // restart rewrites no event: nothing for its own drift check to compare.
  await expect(summary).toContainText('nothing to compare');
  await expect(page.getByRole('button', { name: 'Repair node2…' })).toHaveCount(0, { timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('2-repaired.png'), fullPage: true });

  // The drift check: a dry run, no typed confirmation (it only reads), live progress, the verdict.
  await page.getByRole('button', { name: 'Check drift' }).click();
  const drift = page.getByRole('dialog', { name: `Drift check on ${CLUSTER}` });
  await expect(drift.getByRole('list', { name: 'Plan' })).toContainText('Compare', { timeout: 30_000 });
  await drift.getByRole('button', { name: 'Start drift check' }).click();
  await expect(drift).toBeHidden();
  const checkPanel = page.getByRole('region', { name: /^checksum drift check/i });
  await expect(checkPanel.getByRole('region', { name: 'Run summary' })).toContainText('succeeded', { timeout: 120_000 });
  await expect(checkPanel.getByRole('group', { name: 'Drift verdict' })).toContainText('equal');
  const history = page.getByRole('region', { name: 'Drift checks' });
  await expect(history.getByRole('row').nth(1)).toContainText('equal', { timeout: 20_000 });
  await checkPanel.getByRole('link', { name: 'Drift report' }).click();

  await expect(page).toHaveURL(/\/actions\/[0-9a-f-]{36}$/);
  const report = page.getByRole('region', { name: 'Drift report' });
  await expect(report.getByRole('group', { name: 'Drift verdict' })).toContainText('The nodes hold the same data');
  const filler = report.getByRole('table', { name: 'Tables compared' }).getByRole('row', { name: /app\.filler/ });
  await expect(filler).toContainText('equal');
  await page.screenshot({ path: test.info().outputPath('3-drift-report.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page, 'the drift report');
});

test('a viewer sees the drift check history and report, without the repair or drift buttons', async ({ browser }) => {
  const viewer = await signInAs(browser, VIEWER);
  await viewer.goto(`/clusters/${CLUSTER}`);
  await expect(viewer.getByRole('status', { name: 'VIP holder' })).toHaveText('node1', { timeout: 30_000 });
  await expect(viewer.getByRole('button', { name: /^(Check drift|Repair )/ })).toHaveCount(0);
  const history = viewer.getByRole('region', { name: 'Drift checks' });
  await history.getByRole('link', { name: /^Report [0-9a-f]{8}$/ }).first().click();
  await expect(viewer.getByRole('region', { name: 'Drift report' }).getByRole('group', { name: 'Drift verdict' })).toContainText('equal');
  await viewer.context().close();
});
