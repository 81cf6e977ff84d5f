import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { createChannel } from '@/lib/notifications/create-channel';
import { enqueueNotification } from '@/lib/notifications/enqueue';
import { startNotifier, type TNotifier } from '@/lib/notifications/notifier';
import { createRule } from '@/lib/notifications/rules';
import { ZChannelCreateSchema, ZRuleCreateSchema } from '@/lib/notifications/schema';
import { exitedWithin } from '../support/child-exit';
import { startHttpReceiver } from '../support/notification-receivers';
import { testDatabase } from '../support/use-test-database';

// Durability across a crash in the middle of a send: the process that
// claimed a message (status 'sending') dies before the receiver answers. A
// notifier started later takes the message back once the claim is stale and
// delivers it; the receiver accepts it exactly once.
const SECRET = 'whsec-crash-test-4c1d9e7f';

let hooks: Awaited<ReturnType<typeof startHttpReceiver>>;
let notifier: TNotifier | undefined;

const until = async (what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

beforeAll(async () => {
  hooks = await startHttpReceiver({ secret: SECRET });
  const db = await getDb();
  await createChannel({ db, doc: ZChannelCreateSchema.parse({ name: 'ops-hook', type: 'webhook', url: hooks.url('/tandem'), secret: SECRET }), createdBy: 'test' });
  await createRule({ db, doc: ZRuleCreateSchema.parse({ name: 'vip', events: ['vip-moved'], channels: ['ops-hook'], quietSeconds: 0 }), createdBy: 'test' });
});
afterAll(async () => {
  await notifier?.stop();
  await hooks.close();
});

describe('a notifier that dies mid-send', () => {
  it('leaves the message claimed; a notifier started later delivers it once the claim is stale, exactly once', async () => {
    const db = await getDb();
    hooks.setStatus('hold');
    const queued = await enqueueNotification(db, { kind: 'vip-moved', cluster: 'lab', node: 'node2', severity: 'info', at: new Date().toISOString(), message: 'VIP 198.18.0.100 moved from node1 to node2', advice: null, code: null, runId: null, vip: { address: '198.18.0.100', from: ['node1'], to: ['node2'] } });
    expect(queued).toBe(1);

    const t = testDatabase();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/notifier-child.ts'], { env: { ...process.env, DATABASE_URL: t.url, TANDEM_DATA_DIR: t.dataDir, TANDEM_COLLECTOR: 'off' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
    try {
      await until('the child to send the message', () => hooks.held.length === 1, 30_000);
    } catch (e) {
      child.kill('SIGKILL');
      throw new Error(`${e instanceof Error ? e.message : String(e)}; child said: ${output.join('').slice(-2000)}`);
    }
    // Killed while the receiver still holds its request unanswered.
    child.kill('SIGKILL');
    expect(await exitedWithin(child, 5000)).toBe(true);
    const claimed = await db.notificationMessage.findFirstOrThrow();
    expect(claimed).toMatchObject({ status: 'sending', attempts: 0, deliveredAt: null });
    expect(claimed.claimedAt).not.toBeNull();
    expect(hooks.held[0]?.headers['x-tandem-delivery']).toBe(claimed.id);
    hooks.setStatus(200);

    // A claim this fresh may belong to a live process whose answer is on its
    // way: a notifier started now leaves it alone rather than send twice.
    notifier = startNotifier({ db, baseUrl: 'https://tandem.example.com', tickMs: 100 });
    await new Promise((r) => setTimeout(r, 1000));
    await notifier.stop();
    notifier = undefined;
    expect(hooks.received).toHaveLength(0);
    expect((await db.notificationMessage.findUniqueOrThrow({ where: { id: claimed.id } })).status).toBe('sending');

    // The claim grows old (as it would after the server's restart)…
    await db.notificationMessage.update({ where: { id: claimed.id }, data: { claimedAt: new Date(Date.now() - 3600_000) } });
    // …and the next notifier to start takes the message back and delivers it.
    notifier = startNotifier({ db, baseUrl: 'https://tandem.example.com', tickMs: 100 });
    await until('the delivery', () => hooks.received.length > 0);
    // Several more ticks: nothing is sent again.
    await new Promise((r) => setTimeout(r, 1000));
    expect(hooks.received).toHaveLength(1);
    const got = hooks.received[0];
    expect(got?.signatureValid).toBe(true);
    // The same delivery id as the unanswered request: what a receiver that
    // did act on that one dedupes on.
    expect(got?.headers['x-tandem-delivery']).toBe(claimed.id);
    expect(got?.json).toMatchObject({ id: claimed.id, cluster: 'lab', events: [{ kind: 'vip-moved', message: 'VIP 198.18.0.100 moved from node1 to node2' }] });
    const after = await db.notificationMessage.findUniqueOrThrow({ where: { id: claimed.id } });
    expect(after).toMatchObject({ status: 'delivered', attempts: 1, claimedAt: null, lastError: null });
    expect(await db.notificationMessage.count()).toBe(1);
    expect(await db.notificationAttempt.findMany({ where: { messageId: claimed.id }, select: { outcome: true } })).toEqual([{ outcome: 'delivered' }]);
  });
});
