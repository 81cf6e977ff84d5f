import { readFileSync } from 'node:fs';
import { createClient } from '@libsql/client';
import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN } from './credentials';

// One story, in order, on a fresh inventory: first run, bad input, add, edit, delete.
test.describe.configure({ mode: 'serial' });

const SECRETS = { key: 'E2EPLANTEDKEYq4Rw8', passphrase: 'e2e-passphrase-Zt61', password: 'e2e-mysql-password-Mv27' };
const pem = `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk${SECRETS.key}\n-----END OPENSSH PRIVATE KEY-----`;

// The stored envelopes, read straight from the e2e server's SQLite file.
const storedSecrets = async (): Promise<string> => {
  const db = createClient({ url: 'file:.tmp/e2e/data/tandem.db' });
  try {
    const rows = await db.execute('SELECT name, sshPrivateKeyEnc, sshPassphraseEnc, mysqlPasswordEnc FROM nodes ORDER BY name');
    return JSON.stringify(rows.rows);
  } finally {
    db.close();
  }
};

const node = (page: Page, n: number) => page.getByRole('group', { name: `Node ${n}` });

const fillNode = async (page: Page, n: number, host: string) => {
  const g = node(page, n);
  await g.getByLabel('Host').fill(host);
  await g.getByLabel('SSH private key').fill(pem);
  await g.getByLabel('Key passphrase').fill(SECRETS.passphrase);
  await g.getByLabel('MySQL password').fill(SECRETS.password);
};

test('first run shows how to get started and a live realtime connection', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'No clusters yet' })).toBeVisible();
  await expect(page.getByText('npm run demo')).toBeVisible();
  // The server greets every Socket.IO client with `hello`; the indicator shows it arrived.
  await expect(page.getByRole('status', { name: 'Realtime connection' })).toHaveText('Live');
});

test('bad input shows an error at each field and stores nothing', async ({ page }) => {
  await page.goto('/clusters/new');
  await page.getByLabel('Cluster name').fill('Bad Name');
  await page.getByLabel('Virtual IP').fill('198.18.0.11');
  await node(page, 1).getByLabel('Host').fill('198.18.0.11');
  await node(page, 1).getByLabel('SSH private key').fill(pem);
  await node(page, 1).getByLabel('MySQL password').fill('x');
  await node(page, 2).getByLabel('Host').fill('not a host!');
  await node(page, 2).getByLabel('SSH port').fill('70000');
  await page.getByRole('button', { name: 'Add cluster' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'Please correct' })).toHaveText('Please correct the highlighted fields.');
  await expect(page.getByLabel('Cluster name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Cluster name must be lowercase letters')).toBeVisible();
  await expect(page.getByText('Virtual IP must differ from every node host')).toBeVisible();
  await expect(node(page, 2).getByText('Host must be an IPv4 or IPv6 address or a DNS name')).toBeVisible();
  await expect(node(page, 2).getByText('SSH port must be 1–65535')).toBeVisible();
  await expect(node(page, 2).getByText('SSH private key is required')).toBeVisible();
  await expect(node(page, 2).getByText('MySQL password is required')).toBeVisible();
  await expect(node(page, 1).getByLabel('Host')).not.toHaveAttribute('aria-invalid', 'true');

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'No clusters yet' })).toBeVisible();
});

test('a cluster added through the form is listed', async ({ page }) => {
  await page.goto('/clusters/new');
  await page.getByLabel('Cluster name').fill('lab');
  await page.getByLabel('Virtual IP').fill('198.18.0.100');
  await page.getByLabel('VRRP virtual_router_id').fill('51');
  await page.getByLabel('Description').fill('e2e pair');
  await fillNode(page, 1, '198.18.0.11');
  await fillNode(page, 2, '198.18.0.12');
  await page.getByRole('button', { name: 'Add cluster' }).click();

  await expect(page).toHaveURL(/\/clusters\/lab$/);
  await expect(page.getByRole('heading', { name: 'lab', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /node2 198\.18\.0\.12/ })).toBeVisible();

  await page.getByRole('link', { name: 'Clusters', exact: true }).click();
  const row = page.getByRole('article', { name: 'lab' });
  await expect(row).toContainText('198.18.0.100');
  await expect(row).toContainText('node1 (198.18.0.11), node2 (198.18.0.12)');
  await expect(row).toContainText('e2e pair');
});

test('the overview makes the server render no other page until a link is followed', async ({ page }) => {
  // Prefetching made every card and menu link in view a server render per
  // visit; with hundreds of clusters that slowed every page.
  const renders: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('_rsc=')) renders.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('article', { name: 'lab' })).toBeVisible();
  await page.getByRole('link', { name: 'Audit', exact: true }).hover();
  await page.waitForTimeout(1500);
  expect(renders).toEqual([]);
  await page.getByRole('article', { name: 'lab' }).getByRole('link', { name: 'lab' }).click();
  await expect(page.getByRole('heading', { name: 'lab', level: 1 })).toBeVisible();
  expect(renders.length).toBeGreaterThan(0);
});

test('adding the same name again is refused at the name field', async ({ page }) => {
  await page.goto('/clusters/new');
  await page.getByLabel('Cluster name').fill('lab');
  await page.getByLabel('Virtual IP').fill('198.18.0.101');
  await fillNode(page, 1, '198.18.0.21');
  await fillNode(page, 2, '198.18.0.22');
  await page.getByRole('button', { name: 'Add cluster' }).click();
  await expect(page.getByText('Cluster name is already taken')).toBeVisible();
});

test('editing keeps stored secrets when their fields are left blank', async ({ page }) => {
  const before = await storedSecrets();
  expect(before).toContain('v1.');
  await page.goto('/clusters/lab');
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(node(page, 1).getByLabel('SSH private key')).toHaveValue('');
  await page.getByLabel('Description').fill('edited pair');
  await node(page, 2).getByLabel('MySQL port').fill('3307');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(/\/clusters\/lab$/);
  await expect(page.getByText('edited pair')).toBeVisible();
  await expect(page.getByRole('row', { name: /node2/ })).toContainText('tandem@:3307');
  expect(await storedSecrets()).toBe(before);
});

test('deleting asks for confirmation first', async ({ page }) => {
  await page.goto('/clusters/lab');
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete cluster lab?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.goto('/');
  await expect(page.getByRole('article', { name: 'lab' })).toBeVisible();

  await page.goto('/clusters/lab');
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete lab' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: 'No clusters yet' })).toBeVisible();
});

test('the audit page lists the changes made above, filterable by action', async ({ page }) => {
  await page.goto('/audit');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await page.getByLabel('Action').fill('cluster.delete');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/action=cluster\.delete/);
  const rows = page.getByRole('row').filter({ hasText: 'cluster.delete' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`user:${E2E_ADMIN.name}`);
  await expect(page.getByRole('row').filter({ hasText: 'cluster.create' })).toHaveCount(0);
});

test('no planted secret reached a page, an API response or the server log', async ({ page }) => {
  const texts = [await (await page.request.get('/api/clusters')).text()];
  await page.goto('/');
  texts.push(await page.content());
  const log = readFileSync('.tmp/e2e/server.log', 'utf8');
  expect(log).toContain('Tandem listening');
  for (const text of [...texts, log]) for (const s of [...Object.values(SECRETS), E2E_ADMIN.password]) expect(text).not.toContain(s);
});
