import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from './credentials';

test('sign-in: a wrong password is refused, the right one opens the dashboard, sign-out returns to sign-in', async ({ page }) => {
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  const first = await page.goto('/signin');
  expect(first?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(first?.headers()['x-frame-options']).toBe('DENY');
  expect(first?.headers()['x-content-type-options']).toBe('nosniff');
  await page.goto('/clusters/new');
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByLabel('User name').fill(E2E_ADMIN.name);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'wrong' })).toHaveText('wrong user name or password');
  await expect(page).toHaveURL(/\/signin$/);

  await page.getByLabel('Password').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Clusters', exact: true })).toBeVisible();
  await expect(page.getByLabel('Signed in as')).toHaveText(E2E_ADMIN.name);
  await expect(page.getByRole('status', { name: 'Realtime connection' })).toHaveText('Live');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin$/);
  expect((await page.request.get('/api/clusters')).status()).toBe(401);
  // Next's scripts ran under the nonce policy (the form worked) and nothing was blocked.
  expect(cspViolations).toEqual([]);
});
