import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, request as requestFactory, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { ADMIN_STATE } from './credentials';

// What the action specs share: the real lab as a cluster of the e2e server
// (no anti-flap window, heartbeat on) with a viewer account, the accessibility
// check and a viewer's own browser session.

export const labctl = (...args: string[]) => execFileSync('lab/labctl', args, { encoding: 'utf8', timeout: 180_000 });
export const BASE = 'http://127.0.0.1:3123';

export type TViewer = { name: string; password: string; role: 'viewer' };

// Builds the default lab (both BACKUP with nopreempt; node1 takes the VIP),
// adds it as CLUSTER and creates VIEWER; resolves once `allowed` (the dry
// run of the spec's action) holds: a lab just built needs a moment.
export const setUpLabPair = async (cluster: string, viewer: TViewer, dryRunBody: unknown, timeoutMs: number): Promise<APIRequestContext> => {
  labctl('down');
  const inventory = JSON.parse(labctl('up'));
  const api = await requestFactory.newContext({ baseURL: BASE, storageState: ADMIN_STATE, extraHTTPHeaders: { origin: BASE } });
  const res = await api.post('/api/clusters', { data: { ...inventory, name: cluster, heartbeat: true, switchoverCooldownSeconds: 0 } });
  expect(res.status()).toBe(201);
  expect((await api.post('/api/users', { data: viewer })).status()).toBe(201);
  await expect.poll(async () => (await (await api.post(`/api/clusters/${cluster}/actions`, { data: dryRunBody })).json()).allowed, { timeout: timeoutMs, intervals: [2000] }).toBe(true);
  return api;
};

export const tearDownLabPair = async (api: APIRequestContext | undefined, cluster: string, viewer: TViewer) => {
  await api?.delete(`/api/users/${viewer.name}`);
  await api?.delete(`/api/clusters/${cluster}`);
  await api?.dispose();
  labctl('down');
};

export const expectNoSeriousAxeViolations = async (page: Page, what: string) => {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), what).toEqual([]);
};

export const signInAs = async (browser: Browser, viewer: TViewer): Promise<Page> => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('User name').fill(viewer.name);
  await page.getByLabel('Password').fill(viewer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Clusters', exact: true })).toBeVisible();
  return page;
};
