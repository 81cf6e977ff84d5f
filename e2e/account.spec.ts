import { expect, test, type Browser, type Page } from '@playwright/test';

// An admin adds, disables and enables a user; that user changes their own password.
test.describe.configure({ mode: 'serial' });

const DANA = { name: 'e2e-dana', password: 'dana-first-password-7Kq', next: 'dana-second-password-3Wz' };

const signInFresh = async (browser: Browser, password: string): Promise<Page> => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('User name').fill(DANA.name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
};

const danaRow = (page: Page) => page.getByRole('row').filter({ hasText: DANA.name });

test('an admin adds a user and disabling them signs them out and refuses their sign-in', async ({ page, browser }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', exact: true })).toBeVisible();
  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('User name').fill(DANA.name);
  await form.getByLabel('Initial password').fill(DANA.password);
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(danaRow(page)).toContainText('viewer');

  const dana = await signInFresh(browser, DANA.password);
  await expect(dana.getByRole('heading', { name: 'Clusters', exact: true })).toBeVisible();
  await page.reload();
  await expect(danaRow(page).getByRole('cell').nth(4)).toHaveText('1');

  await danaRow(page).getByRole('button', { name: 'Disable' }).click();
  await page.getByRole('dialog', { name: `Disable ${DANA.name}?` }).getByRole('button', { name: `Disable ${DANA.name}` }).click();
  await expect(danaRow(page)).toContainText('disabled');

  await dana.goto('/');
  await expect(dana).toHaveURL(/\/signin$/);
  await dana.getByLabel('User name').fill(DANA.name);
  await dana.getByLabel('Password').fill(DANA.password);
  await dana.getByRole('button', { name: 'Sign in' }).click();
  await expect(dana.getByRole('alert').filter({ hasText: 'wrong' })).toHaveText('wrong user name or password');

  await danaRow(page).getByRole('button', { name: 'Enable' }).click();
  await expect(danaRow(page)).toContainText('enabled');
});

test('a user changes their own password; the old one stops working', async ({ browser }) => {
  const dana = await signInFresh(browser, DANA.password);
  await expect(dana.getByRole('heading', { name: 'Clusters', exact: true })).toBeVisible();
  await dana.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  await expect(dana.getByRole('link', { name: 'Users' })).toHaveCount(0);
  const form = dana.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('not my password at all');
  await form.getByLabel('New password', { exact: true }).fill(DANA.next);
  await form.getByLabel('New password again').fill(DANA.next);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toContainText('the current password is wrong');

  await form.getByLabel('Current password').fill(DANA.password);
  await form.getByLabel('New password', { exact: true }).fill(DANA.next);
  await form.getByLabel('New password again').fill(DANA.next);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('status')).toHaveText('Password changed. Your other sessions were signed out.');

  await dana.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(dana).toHaveURL(/\/signin$/);
  const old = await signInFresh(browser, DANA.password);
  await expect(old.getByRole('alert').filter({ hasText: 'wrong' })).toHaveText('wrong user name or password');
  const fresh = await signInFresh(browser, DANA.next);
  await expect(fresh.getByRole('heading', { name: 'Clusters', exact: true })).toBeVisible();
});
