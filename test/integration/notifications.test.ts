import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as channelRoute from '@/app/api/notifications/channels/[name]/route';
import * as deliveriesRoute from '@/app/api/notifications/channels/[name]/deliveries/route';
import * as testRoute from '@/app/api/notifications/channels/[name]/test/route';
import * as channelsRoute from '@/app/api/notifications/channels/route';
import * as ruleRoute from '@/app/api/notifications/rules/[name]/route';
import * as rulesRoute from '@/app/api/notifications/rules/route';
import type { TRole } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { enqueueNotification, setOutboxWaker } from '@/lib/notifications/enqueue';
import { startNotifier, type TNotifier } from '@/lib/notifications/notifier';
import type { TNotifyEvent } from '@/lib/notifications/schema';
import { recordNotificationDelivery } from '@/lib/metrics/record-notification-delivery';
import { authHeaders } from '../support/api';
import { valueOf } from '../support/exposition';
import { scrape } from '../support/metrics';
import { startHttpReceiver, startSmtpReceiver } from '../support/notification-receivers';

const WEBHOOK_SECRET = 'whsec-planted-7b1c2d3e4f5a6978';
const SLACK_PATH = '/services/T000/B000/planted-slack-token-91ab';
const SMTP_PASSWORD = 'smtp-planted-password-5521';
const SECRETS = [WEBHOOK_SECRET, 'planted-slack-token-91ab', SMTP_PASSWORD];

type THandler = (req: Request, ctx: { params: Promise<{ name: string }> }) => Promise<Response>;
const call = async (handler: THandler | ((req: Request) => Promise<Response>), method: string, path: string, o: { json?: unknown; name?: string; as?: TRole | 'nobody' } = {}) => {
  const req = new Request(`http://127.0.0.1${path}`, {
    method,
    headers: { ...(o.json !== undefined && { 'content-type': 'application/json' }), ...(await authHeaders(o.as)) },
    body: o.json !== undefined ? JSON.stringify(o.json) : undefined,
  });
  const res = await handler(req, { params: Promise.resolve({ name: o.name ?? '' }) });
  const text = await res.text();
  for (const s of SECRETS) expect(text, `${method} ${path} answered a secret`).not.toContain(s);
  return { status: res.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
};

let hooks: Awaited<ReturnType<typeof startHttpReceiver>>;
let slack: Awaited<ReturnType<typeof startHttpReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let notifier: TNotifier | undefined;

beforeAll(async () => {
  hooks = await startHttpReceiver({ secret: WEBHOOK_SECRET });
  slack = await startHttpReceiver();
  smtp = await startSmtpReceiver({ user: 'tandem', password: SMTP_PASSWORD });
});
afterAll(async () => {
  await hooks.close();
  await slack.close();
  await smtp.close();
});
afterEach(async () => {
  await notifier?.stop();
  notifier = undefined;
  hooks.setStatus(200);
});

const channels = () => [
  { name: 'ops-hook', type: 'webhook', url: hooks.url('/tandem?key=abc'), secret: WEBHOOK_SECRET },
  { name: 'ops-slack', type: 'slack', url: slack.url(SLACK_PATH) },
  { name: 'ops-mail', type: 'smtp', host: '127.0.0.1', port: smtp.port, tls: 'none', user: 'tandem', password: SMTP_PASSWORD, from: 'tandem@example.com', to: ['dba@example.com', 'sre@example.com'] },
];

const at = (ms: number) => new Date(Date.parse('2026-12-03T06:30:00Z') + ms).toISOString();
const ev = (over: Partial<TNotifyEvent> & Pick<TNotifyEvent, 'kind' | 'message'>): TNotifyEvent => ({ cluster: 'lab', node: null, severity: 'info', at: at(0), advice: null, code: null, runId: null, vip: null, ...over });
// The events of a failover, as the collector reports them, in the order it does.
const failover = (): TNotifyEvent[] => [
  ev({ kind: 'finding-raised', node: 'node1', severity: 'critical', at: at(0), message: 'MySQL on node1 does not answer: connect ECONNREFUSED', code: 'mysql-unreachable', advice: 'If mysqld is down, start it and read its error log.' }),
  ev({ kind: 'keepalived-transition', node: 'node1', at: at(300), message: 'keepalived on node1: MASTER → FAULT' }),
  ev({ kind: 'keepalived-transition', node: 'node2', at: at(900), message: 'keepalived on node2: BACKUP → MASTER' }),
  ev({ kind: 'vip-moved', node: null, at: at(400), message: 'VIP 198.18.0.100 moved from node1 to nobody', vip: { address: '198.18.0.100', from: ['node1'], to: [] } }),
  ev({ kind: 'vip-moved', node: 'node2', at: at(950), message: 'VIP 198.18.0.100 moved from nobody to node2', vip: { address: '198.18.0.100', from: [], to: ['node2'] } }),
  ev({ kind: 'finding-raised', node: 'node2', severity: 'warning', at: at(1200), message: 'The IO thread on node2 is connecting', code: 'io-thread-connecting' }),
];

const until = async (what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 15_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('notification channels', () => {
  it('are added by an admin, never show a secret, and keep secrets encrypted at rest and out of the audit log', async () => {
    for (const c of channels()) expect((await call(channelsRoute.POST, 'POST', '/api/notifications/channels', { json: c })).status).toBe(201);
    const list = await call(channelsRoute.GET, 'GET', '/api/notifications/channels');
    expect(list.status).toBe(200);
    const shown = list.body?.channels as { name: string; type: string; config: Record<string, unknown>; hasSecret: boolean }[];
    expect(shown.map((c) => [c.name, c.type, c.hasSecret])).toEqual([['ops-hook', 'webhook', true], ['ops-mail', 'smtp', true], ['ops-slack', 'slack', true]]);
    // The webhook's query string may carry a token; the Slack URL is one.
    expect(shown[0]?.config.url).toBe(hooks.url('/tandem?…'));
    expect(shown[2]?.config).toEqual({ urlHint: `${new URL(slack.url('/')).origin}/…` });
    expect(shown[1]?.config).toMatchObject({ host: '127.0.0.1', user: 'tandem', tls: 'none', to: ['dba@example.com', 'sre@example.com'] });
    const db = await getDb();
    const rows = await db.notificationChannel.findMany({ omit: { secret: false } });
    for (const r of rows) {
      expect(r.secret).toMatch(/^v1\./);
      for (const s of SECRETS) expect(`${r.config}${r.secret}`).not.toContain(s);
    }
    const audit = JSON.stringify(await db.auditEvent.findMany({ where: { action: { startsWith: 'notification.' } } }));
    expect(audit).toContain('notification.channel.create');
    for (const s of SECRETS) expect(audit).not.toContain(s);
  });

  it('refuse bad input with field errors and change nothing; only admins manage them', async () => {
    const bad = await call(channelsRoute.POST, 'POST', '/api/notifications/channels', { json: { name: 'bad one', type: 'webhook', url: 'ftp://x', secret: 'short' } });
    expect(bad.status).toBe(400);
    expect(bad.body?.fields).toMatchObject({ name: expect.any(String), url: expect.any(String), secret: expect.any(String) });
    expect((await call(channelsRoute.POST, 'POST', '/api/notifications/channels', { json: { name: 'x', type: 'pager' } })).status).toBe(400);
    const wrongField = await call(channelRoute.PATCH, 'PATCH', '/api/notifications/channels/ops-hook', { name: 'ops-hook', json: { port: 25 } });
    expect(wrongField.status).toBe(400);
    expect(wrongField.body?.fields).toEqual({ port: 'does not apply to a webhook channel' });
    expect((await call(channelsRoute.POST, 'POST', '/api/notifications/channels', { json: channels()[0] })).status).toBe(409);
    expect((await call(channelsRoute.GET, 'GET', '/api/notifications/channels', { as: 'operator' })).status).toBe(403);
    expect((await call(channelsRoute.GET, 'GET', '/api/notifications/channels', { as: 'nobody' })).status).toBe(401);
    expect((await call(channelRoute.DELETE, 'DELETE', '/api/notifications/channels/ops-hook', { name: 'ops-hook', as: 'viewer' })).status).toBe(403);
    expect((await call(channelRoute.GET, 'GET', '/api/notifications/channels/nope', { name: 'nope' })).status).toBe(404);
    expect((await getDb().then((db) => db.notificationChannel.count()))).toBe(3);
  });

  it('send test: a signed webhook, a Slack-compatible post and a mail reach real receivers; each attempt is recorded', async () => {
    for (const name of ['ops-hook', 'ops-slack', 'ops-mail']) {
      const r = await call(testRoute.POST, 'POST', `/api/notifications/channels/${name}/test`, { name });
      expect(r.status).toBe(200);
      expect(r.body?.test).toMatchObject({ ok: true });
    }
    const hook = hooks.received.at(-1);
    expect(hook?.signatureValid).toBe(true);
    expect(hook?.path).toBe('/tandem?key=abc');
    expect(hook?.json).toMatchObject({ test: true, severity: 'info', title: expect.stringContaining('test message') });
    expect(JSON.parse(slack.received.at(-1)?.body ?? '{}')).toEqual({ text: expect.stringContaining('test message from Tandem') });
    const mail = smtp.mails.at(-1);
    expect(mail).toMatchObject({ from: 'tandem@example.com', to: ['dba@example.com', 'sre@example.com'], subject: expect.stringContaining('test message') });
    expect(smtp.logins.at(-1)).toBe('tandem');
    const deliveries = await call(deliveriesRoute.GET, 'GET', '/api/notifications/channels/ops-mail/deliveries', { name: 'ops-mail' });
    expect((deliveries.body?.attempts as { outcome: string; test: boolean }[])[0]).toMatchObject({ outcome: 'delivered', test: true });
    // A wrong password is a failed test with the server's reason, not a crash.
    expect((await call(channelRoute.PATCH, 'PATCH', '/api/notifications/channels/ops-mail', { name: 'ops-mail', json: { password: 'wrong-password-123' } })).status).toBe(200);
    const refused = await call(testRoute.POST, 'POST', '/api/notifications/channels/ops-mail/test', { name: 'ops-mail' });
    expect(refused.body?.test).toMatchObject({ ok: false, detail: expect.stringMatching(/Invalid username or password|535/) });
    expect((await call(channelRoute.PATCH, 'PATCH', '/api/notifications/channels/ops-mail', { name: 'ops-mail', json: { password: SMTP_PASSWORD } })).status).toBe(200);
  });
});

describe('notification rules and delivery', () => {
  it('a failover\'s burst of events is one message per channel that tells the story in order', async () => {
    const rule = await call(rulesRoute.POST, 'POST', '/api/notifications/rules', { json: { name: 'failovers', events: ['vip-moved', 'split-brain', 'keepalived-transition', 'finding-raised'], channels: ['ops-hook', 'ops-slack', 'ops-mail'], quietSeconds: 1 } });
    expect(rule.status).toBe(201);
    expect(rule.body?.rule).toMatchObject({ clusters: [], minSeverity: 'warning', quietSeconds: 1, channels: ['ops-hook', 'ops-slack', 'ops-mail'] });
    const db = await getDb();
    const before = { hooks: hooks.received.length, slack: slack.received.length, mails: smtp.mails.length };
    notifier = startNotifier({ db, baseUrl: 'https://tandem.example.com', tickMs: 100 });
    for (const e of failover()) {
      expect(await enqueueNotification(db, e)).toBe(3);
      await new Promise((r) => setTimeout(r, 120));
    }
    await until('one message on each channel', () => hooks.received.length > before.hooks && slack.received.length > before.slack && smtp.mails.length > before.mails);
    // Quiet for longer than the quiet period: nothing more comes.
    await new Promise((r) => setTimeout(r, 1500));
    expect([hooks.received.length - before.hooks, slack.received.length - before.slack, smtp.mails.length - before.mails]).toEqual([1, 1, 1]);
    const hook = hooks.received.at(-1);
    expect(hook?.signatureValid).toBe(true);
    const body = hook?.json as { id: string; cluster: string; severity: string; title: string; link: string; events: { kind: string; node: string | null; advice: string | null }[] };
    expect(body).toMatchObject({ cluster: 'lab', severity: 'critical', link: 'https://tandem.example.com/clusters/lab' });
    expect(body.title).toBe('[CRITICAL] lab: VIP 198.18.0.100 moved from node1 to node2 (+5 more)');
    expect(body.events.map((e) => `${e.kind} ${e.node}`)).toEqual(['finding-raised node1', 'keepalived-transition node1', 'vip-moved null', 'keepalived-transition node2', 'vip-moved node2', 'finding-raised node2']);
    expect(body.events[0]?.advice).toContain('start it');
    expect(hook?.headers['x-tandem-delivery']).toBe(body.id);
    const text = (JSON.parse(slack.received.at(-1)?.body ?? '{}') as { text: string }).text;
    expect(text).toContain('VIP 198.18.0.100 moved from node1 to node2 (+5 more)');
    expect(text).toContain('<https://tandem.example.com/clusters/lab|Open lab in Tandem>');
    expect(text).toContain('MASTER → FAULT');
    const mail = smtp.mails.at(-1);
    expect(mail?.subject).toBe(body.title);
    expect(mail?.text.split('\n').filter((l) => / UTC  /.test(l))).toHaveLength(6);
    expect(mail?.text).toContain('advice: If mysqld is down');
  });

  it('an event queued while the notifier idles goes out when its quiet period ends, not at the next idle check', async () => {
    const db = await getDb();
    notifier = startNotifier({ db, baseUrl: 'https://tandem.example.com', tickMs: 100 });
    // Long enough for the first ticks to find nothing and sleep until the
    // idle check, 5 s away.
    await new Promise((r) => setTimeout(r, 600));
    const before = hooks.received.length;
    const [first] = failover();
    if (!first) throw new Error('no event');
    const t0 = Date.now();
    expect(await enqueueNotification(db, first)).toBe(3);
    await until('the message', () => hooks.received.length > before);
    // The rule's quiet period is 1 s; the idle check would have been 5 s.
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('match by event kind, cluster and severity', async () => {
    const db = await getDb();
    expect((await call(ruleRoute.PATCH, 'PATCH', '/api/notifications/rules/failovers', { name: 'failovers', json: { clusters: ['lab'], minSeverity: 'critical' } })).body?.rule).toMatchObject({ clusters: ['lab'], minSeverity: 'critical', quietSeconds: 1 });
    expect(await enqueueNotification(db, ev({ kind: 'vip-moved', cluster: 'other', message: 'VIP moved' }))).toBe(0);
    expect(await enqueueNotification(db, ev({ kind: 'finding-raised', severity: 'warning', message: 'lag high', code: 'lag-high' }))).toBe(0);
    expect(await enqueueNotification(db, ev({ kind: 'finding-cleared', severity: 'critical', message: 'cleared: split', code: 'split-brain' }))).toBe(0);
    expect(await enqueueNotification(db, ev({ kind: 'action-finished', message: 'switchover finished' }))).toBe(0);
    // A split brain is a finding too, and news whatever the threshold.
    expect(await enqueueNotification(db, ev({ kind: 'split-brain', severity: 'critical', message: 'both hold the VIP', code: 'split-brain' }))).toBe(3);
    await db.notificationEvent.deleteMany({ where: { messageId: null } });
    const bad = await call(rulesRoute.POST, 'POST', '/api/notifications/rules', { json: { name: 'r2', events: ['coffee'], channels: ['nope'] } });
    expect(bad.status).toBe(400);
    expect(bad.body?.fields).toMatchObject({ 'events.0': expect.any(String) });
    const unknown = await call(rulesRoute.POST, 'POST', '/api/notifications/rules', { json: { name: 'r2', events: ['vip-moved'], channels: ['nope'] } });
    expect(unknown.body?.fields).toEqual({ channels: 'no channel named "nope"' });
    // A channel a rule sends to cannot be deleted from under it.
    const refused = await call(channelRoute.DELETE, 'DELETE', '/api/notifications/channels/ops-slack', { name: 'ops-slack' });
    expect(refused.status).toBe(409);
    expect(refused.body?.message).toMatch(/used by the rule "failovers"/);
  });

  it('an event queued by another process (no wake-up here) goes out at the next idle look', async () => {
    const db = await getDb();
    notifier = startNotifier({ db, baseUrl: 'https://tandem.example.com', tickMs: 100 });
    await new Promise((r) => setTimeout(r, 600));
    const before = hooks.received.length;
    const [, transition] = failover();
    if (!transition) throw new Error('no event');
    // As the CLI does from its own process: the row only, nobody woken.
    setOutboxWaker(undefined);
    try {
      expect(await enqueueNotification(db, transition)).toBe(3);
    } finally {
      setOutboxWaker(notifier.wake);
    }
    // The idle look (every 5 s) finds it; the quiet period is 1 s.
    await until('the message', () => hooks.received.length > before, 12_000);
  });

  it('keeps a message for a channel that is down, and delivers it when it is back, across a restart; every attempt is shown', async () => {
    const db = await getDb();
    await call(ruleRoute.PATCH, 'PATCH', '/api/notifications/rules/failovers', { name: 'failovers', json: { channels: ['ops-hook'], quietSeconds: 0 } });
    hooks.setStatus(503);
    const before = hooks.received.length;
    const counted = async (outcome: string) => valueOf((await scrape('viewer')).series, 'tandem_notification_deliveries_total', { channel_type: 'webhook', outcome }) ?? 0;
    const [retryingBefore, deliveredBefore] = [await counted('retrying'), await counted('delivered')];
    notifier = startNotifier({ db, baseUrl: 'https://tandem.example.com', tickMs: 100, backoffMs: [200, 400], onDelivery: recordNotificationDelivery });
    expect(await enqueueNotification(db, ev({ kind: 'vip-moved', at: new Date().toISOString(), message: 'VIP 198.18.0.100 moved from node2 to node1' }))).toBe(1);
    await until('two failed attempts', async () => (await db.notificationAttempt.count({ where: { outcome: 'failed', test: false } })) >= 2);
    // The server stops while the receiver is down...
    await notifier.stop();
    const pending = await db.notificationMessage.findFirstOrThrow({ where: { status: 'pending' } });
    expect(pending.lastError).toMatch(/^HTTP 503/);
    hooks.setStatus(200);
    expect(hooks.received.length).toBe(before);
    // ...and a new one delivers what the last one could not.
    notifier = startNotifier({ db, baseUrl: 'https://tandem.example.com', tickMs: 100, backoffMs: [200, 400], onDelivery: recordNotificationDelivery });
    await until('the delivery', () => hooks.received.length > before);
    // Prometheus sees the retries and the delivery.
    await until('the delivery counted', async () => (await counted('delivered')) === deliveredBefore + 1);
    expect(await counted('retrying')).toBeGreaterThanOrEqual(retryingBefore + 2);
    expect(hooks.received.at(-1)?.headers['x-tandem-delivery']).toBe(pending.id);
    const deliveries = await call(deliveriesRoute.GET, 'GET', '/api/notifications/channels/ops-hook/deliveries', { name: 'ops-hook' });
    const messages = deliveries.body?.messages as { id: string; status: string; attempts: number }[];
    expect(messages[0]).toMatchObject({ id: pending.id, status: 'delivered' });
    expect(messages[0]?.attempts).toBeGreaterThanOrEqual(3);
    const attempts = (deliveries.body?.attempts as { messageId: string | null; outcome: string }[]).filter((a) => a.messageId === pending.id).map((a) => a.outcome);
    expect(attempts[0]).toBe('delivered');
    expect(attempts.slice(1).every((o) => o === 'failed')).toBe(true);
  });

  it('gives up after the retry period and shows the message as failed', async () => {
    const db = await getDb();
    hooks.setStatus(500);
    notifier = startNotifier({ db, baseUrl: 'https://tandem.example.com', tickMs: 100, backoffMs: [150], giveUpAfterMs: 600 });
    await enqueueNotification(db, ev({ kind: 'vip-moved', at: new Date().toISOString(), message: 'VIP moved again' }));
    await until('the message marked failed', async () => (await db.notificationMessage.count({ where: { status: 'failed' } })) === 1);
    const channel = await call(channelRoute.GET, 'GET', '/api/notifications/channels/ops-hook', { name: 'ops-hook' });
    expect(channel.body?.channel).toMatchObject({ failed: 1, pending: 0, lastAttempt: { outcome: 'failed', detail: expect.stringMatching(/^HTTP 500/) } });
  });

  it('forgets delivered and failed messages past the retention period, never a pending one', async () => {
    const db = await getDb();
    const channel = await db.notificationChannel.findUniqueOrThrow({ where: { name: 'ops-slack' } });
    await db.notificationMessage.create({ data: { id: 'pending-one', channelId: channel.id, clusterName: 'lab', title: 't', severity: 'info', eventCount: 0, status: 'pending', createdAt: new Date(0), nextAttemptAt: new Date(Date.now() + 3600_000) } });
    expect(await db.notificationMessage.count({ where: { status: { in: ['delivered', 'failed'] } } })).toBeGreaterThan(0);
    notifier = startNotifier({ db, baseUrl: 'https://tandem.example.com', tickMs: 100, retentionDays: 0 });
    await until('the old messages pruned', async () => (await db.notificationMessage.count({ where: { status: { in: ['delivered', 'failed'] } } })) === 0);
    expect(await db.notificationMessage.findMany({ select: { id: true } })).toEqual([{ id: 'pending-one' }]);
  });

  it('a deleted rule sends nothing more; a removed channel takes its history with it', async () => {
    const db = await getDb();
    expect((await call(ruleRoute.DELETE, 'DELETE', '/api/notifications/rules/failovers', { name: 'failovers' })).status).toBe(204);
    expect(await enqueueNotification(db, ev({ kind: 'vip-moved', message: 'VIP moved' }))).toBe(0);
    expect((await call(channelRoute.DELETE, 'DELETE', '/api/notifications/channels/ops-hook', { name: 'ops-hook' })).status).toBe(204);
    expect(await db.notificationMessage.count({ where: { channel: { name: 'ops-hook' } } })).toBe(0);
    expect((await call(channelsRoute.GET, 'GET', '/api/notifications/channels')).body?.channels).toHaveLength(2);
  });
});
