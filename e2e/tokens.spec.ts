import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

// An admin creates an expiring API token, sees it exactly once, and revokes it.
const NAME = 'e2e-ci';
const DAYS = 30;

const tokenRow = (page: Page) => page.getByRole('row').filter({ hasText: NAME });
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const clustersStatus = async (api: APIRequestContext) => (await api.get('/api/clusters')).status();

test('an admin creates a token with an expiry, sees it once, and revokes it', async ({ page, playwright, baseURL }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tokens' }).click();
  await expect(page.getByRole('heading', { name: 'API tokens', exact: true })).toBeVisible();
  const form = page.getByRole('form', { name: 'Create a token' });

  // The server's field errors land next to the field they concern.
  await form.getByLabel('Token name').fill(NAME);
  await form.getByLabel('Expires in days').fill('0');
  await form.getByRole('button', { name: 'Create token' }).click();
  await expect(form.getByText('Expires in days must be a whole number of days, 1–3650')).toBeVisible();
  await expect(form.getByLabel('Expires in days')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Expires in days').fill(String(DAYS));
  await form.getByLabel('Role').selectOption('operator');
  // The expiry day is computed on both sides of the click, in case midnight UTC falls between.
  const earliest = utcDay(Date.now() + DAYS * 86_400_000);
  await form.getByRole('button', { name: 'Create token' }).click();
  const notice = page.getByRole('region', { name: `Token ${NAME} created` });
  await expect(notice).toContainText('it will not be shown again');
  const field = notice.getByLabel('New token');
  await expect(field).toHaveAttribute('readonly', '');
  const token = await field.inputValue();
  expect(token).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);
  const latest = utcDay(Date.now() + DAYS * 86_400_000);

  const expires = new RegExp(`${earliest}|${latest}`);
  await expect(tokenRow(page)).toContainText('operator');
  await expect(tokenRow(page)).toContainText(`${token.slice(0, 8)}…`);
  await expect(tokenRow(page).getByRole('cell').nth(6)).toHaveText(expires);
  await expect(tokenRow(page).getByRole('cell').nth(7)).toHaveText('active');

  // The token works as a bearer token; then it is never readable again.
  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect(await clustersStatus(api)).toBe(200);
  await page.reload();
  await expect(page.getByLabel('New token')).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  await expect(tokenRow(page).getByRole('cell').nth(5)).not.toHaveText('never');

  await tokenRow(page).getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog', { name: `Revoke ${NAME}?` }).getByRole('button', { name: `Revoke ${NAME}` }).click();
  await expect(tokenRow(page).getByRole('cell').nth(7)).toContainText('revoked');
  await expect(tokenRow(page).getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  await expect(tokenRow(page).getByRole('cell').nth(6)).toHaveText(expires);
  expect(await clustersStatus(api)).toBe(401);
  await api.dispose();
});
