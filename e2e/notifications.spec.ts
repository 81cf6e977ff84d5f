import { expect, test, type Page } from '@playwright/test';
import { startHttpReceiver } from '@/test/support/notification-receivers';
import { expectNoSeriousAxeViolations } from './lab-pair';

// An admin adds a webhook channel that reaches a real receiver, routes a rule
// to it, and cannot delete the channel from under the rule. No lab needed.
const CHANNEL = 'e2e-hook';
const RULE = 'e2e-pager';
const SECRET = 'e2e-webhook-secret-8f3a2c71d9';

// By the row's header: an open deliveries row below names the channel too.
const rowOf = (page: Page, table: string, name: string) => page.getByRole('table', { name: table }).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
const channelRow = (page: Page) => rowOf(page, 'Notification channels', CHANNEL);
const ruleRow = (page: Page) => rowOf(page, 'Notification rules', RULE);

test('an admin adds a webhook channel, tests it against a real receiver, routes a rule to it, and deletes both in order', async ({ page }) => {
  // The far end checks the signature the way the docs tell a receiver to.
  const receiver = await startHttpReceiver({ secret: SECRET });
  try {
    await page.goto('/notifications');
    await expect(page.getByRole('heading', { name: 'Notifications', exact: true })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications' })).toHaveAttribute('href', '/notifications');

    // The server's field errors land next to the fields they concern.
    const channelForm = page.getByRole('form', { name: 'Add a channel' });
    await expect(channelForm.getByLabel('Type')).toHaveValue('webhook');
    await channelForm.getByLabel('Channel name').fill(CHANNEL);
    await channelForm.getByLabel('URL', { exact: true }).fill('ftp://example.com/hook');
    await channelForm.getByLabel('Signing secret').fill('short');
    await channelForm.getByRole('button', { name: 'Add channel' }).click();
    await expect(channelForm.getByText('URL must be an http:// or https:// URL')).toBeVisible();
    await expect(channelForm.getByText('Signing secret must be 16–256 printable characters')).toBeVisible();
    await expect(channelForm.getByLabel('Signing secret')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('table', { name: 'Notification channels' })).toHaveCount(0);

    // The other types show their own fields.
    await channelForm.getByLabel('Type').selectOption('smtp');
    await expect(channelForm.getByLabel('SMTP host')).toBeVisible();
    await expect(channelForm.getByLabel('Signing secret')).toHaveCount(0);
    await channelForm.getByLabel('Type').selectOption('slack');
    await expect(channelForm.getByLabel('Incoming-webhook URL')).toHaveAttribute('type', 'password');
    await channelForm.getByLabel('Type').selectOption('webhook');

    await channelForm.getByLabel('URL', { exact: true }).fill(receiver.url('/tandem?key=e2e'));
    await channelForm.getByLabel('Signing secret').fill(SECRET);
    await channelForm.getByRole('button', { name: 'Add channel' }).click();
    await expect(channelForm.getByRole('status')).toContainText(`Channel ${CHANNEL} added`);
    await expect(channelRow(page)).toContainText(receiver.url('/tandem?…'));
    await expect(channelRow(page).getByRole('cell').nth(5)).toHaveText('never');
    await expect(channelForm.getByLabel('Signing secret')).toHaveValue('');
    expect(await page.content()).not.toContain(SECRET);

    // Send test: the receiver's answer shows inline, and it got a signed request.
    await channelRow(page).getByRole('button', { name: 'Send test' }).click();
    await expect(channelRow(page).getByRole('status', { name: `Test of ${CHANNEL}` })).toHaveText(/^delivered in \d+ ms: HTTP 200: ok$/);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({ path: '/tandem?key=e2e', signatureValid: true, json: { test: true } });
    await expect(channelRow(page).getByRole('cell').nth(5)).toContainText('delivered');
    await channelRow(page).getByRole('button', { name: 'Deliveries' }).click();
    const deliveries = page.getByRole('region', { name: `Deliveries of ${CHANNEL}` });
    await expect(deliveries.getByRole('table', { name: `Delivery attempts to ${CHANNEL}` }).getByRole('row').nth(1)).toContainText(/test\s*delivered/);
    await expect(deliveries).toContainText('No messages yet');

    // Paused and resumed in place.
    const channelSwitch = channelRow(page).getByRole('switch', { name: `Channel ${CHANNEL} enabled` });
    await channelSwitch.click();
    await expect(channelSwitch).not.toBeChecked();
    await expect(channelRow(page)).toContainText('disabled');
    await channelSwitch.click();
    await expect(channelSwitch).toBeChecked();

    // A rule needs events; then it sends to the channel.
    const ruleForm = page.getByRole('form', { name: 'Add a rule' });
    await ruleForm.getByLabel('Rule name').fill(RULE);
    await ruleForm.getByRole('checkbox', { name: CHANNEL, exact: true }).check();
    await ruleForm.getByRole('button', { name: 'Add rule' }).click();
    await expect(ruleForm.getByText('Events needs at least one event kind')).toBeVisible();
    await ruleForm.getByRole('checkbox', { name: 'VIP moved' }).check();
    await ruleForm.getByRole('checkbox', { name: 'Split brain' }).check();
    await ruleForm.getByLabel('Minimum severity').selectOption('critical');
    await ruleForm.getByRole('button', { name: 'Add rule' }).click();
    await expect(ruleForm.getByRole('status')).toContainText(`Rule ${RULE} added`);
    const ruleCells = ruleRow(page).getByRole('cell');
    for (const [i, text] of ['VIP moved, Split brain', 'all clusters', 'critical', '2 s', CHANNEL, 'enabled'].entries()) await expect(ruleCells.nth(i)).toHaveText(text);
    await expectNoSeriousAxeViolations(page, 'notifications page with a channel, its deliveries and a rule');

    // The channel cannot be deleted from under the rule; the refusal names it.
    await channelRow(page).getByRole('button', { name: 'Delete' }).click();
    const refuse = page.getByRole('dialog', { name: `Delete channel ${CHANNEL}?` });
    await refuse.getByRole('button', { name: `Delete ${CHANNEL}` }).click();
    await expect(refuse.getByRole('alert')).toContainText(`used by the rule "${RULE}"`);
    await refuse.getByRole('button', { name: 'Cancel' }).click();
    await expect(channelRow(page)).toHaveCount(1);

    await ruleRow(page).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: `Delete rule ${RULE}?` }).getByRole('button', { name: `Delete ${RULE}` }).click();
    await expect(page.getByText('No rules yet')).toBeVisible();
    await channelRow(page).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: `Delete channel ${CHANNEL}?` }).getByRole('button', { name: `Delete ${CHANNEL}` }).click();
    await expect(page.getByText('No channels yet')).toBeVisible();
  } finally {
    await receiver.close();
  }
});

test('the page asks who you are first', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/notifications');
  await expect(page).toHaveURL(/\/signin$/);
  await context.close();
});
