import { execFileSync } from 'node:child_process';
import { expect, request as requestFactory, test, type APIRequestContext } from '@playwright/test';
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
  await page.screenshot({ path: test.info().outputPath('1-holder-node1.png'), fullPage: true });

  labctl('fault', 'stop-mysqld', 'node1');
  await expect(holder).toHaveText('node2', { timeout: 10_000 });
  await expect(card).toContainText('held by node2', { timeout: 10_000 });
  await expect(card).toContainText('critical');
  await overview.screenshot({ path: test.info().outputPath('2-overview-critical.png'), fullPage: true });
  await expect(page.getByRole('region', { name: 'Findings' })).toContainText('mysql-unreachable', { timeout: 10_000 });
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
  await expect(page.getByRole('region', { name: 'Findings' })).toContainText('split-brain');
  await page.screenshot({ path: test.info().outputPath('4-split-brain.png'), fullPage: true });
  labctl('fault', 'heal', 'node2');
  await expect(holder).toHaveText('node1', { timeout: 20_000 });

  // A real error 1236, with its cause and what to do about it.
  labctl('fault', 'break-binlog', 'node2');
  const findings = page.getByRole('region', { name: 'Findings' });
  await expect(findings).toContainText('replication-1236-missing-binlog-file', { timeout: 10_000 });
  await expect(findings).toContainText('Rebuild the replica');
  await page.screenshot({ path: test.info().outputPath('5-error-1236.png'), fullPage: true });
});
