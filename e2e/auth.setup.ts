import { expect, test as setup } from '@playwright/test';
import { ADMIN_STATE, E2E_ADMIN } from './credentials';

// Signs in once; the other specs reuse the session.
setup('sign in as admin', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByLabel('User name').fill(E2E_ADMIN.name);
  await page.getByLabel('Password').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Clusters', exact: true })).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE });
});
