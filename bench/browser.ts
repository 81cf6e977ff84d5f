import type { Browser, BrowserContext } from '@playwright/test';

// Debian's Chromium, headless, as the e2e tests run it (never a downloaded browser).
export const CHROMIUM = { executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] };

// A browser context signed in through the real form, as a person would.
export const signIn = async (browser: Browser, options: { baseURL: string; name: string; password: string; viewport?: { width: number; height: number } }): Promise<BrowserContext> => {
  const ctx = await browser.newContext({ baseURL: options.baseURL, ...(options.viewport && { viewport: options.viewport }) });
  const page = await ctx.newPage();
  await page.goto('/signin');
  await page.getByLabel('User name').fill(options.name);
  await page.getByLabel('Password').fill(options.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Clusters', exact: true }).waitFor();
  await page.close();
  return ctx;
};
