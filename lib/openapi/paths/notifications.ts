import type { z } from 'zod';
import {
  ZChannelCreateSchema,
  ZChannelEnvelopeSchema,
  ZChannelListSchema,
  ZChannelTestSchema,
  ZChannelUpdateSchema,
  ZDeliveriesSchema,
  ZRuleCreateSchema,
  ZRuleEnvelopeSchema,
  ZRuleListSchema,
  ZRuleUpdateSchema,
  type TChannelView,
  type TRuleView,
} from '@/lib/notifications/schema';
import { body, errorBody, type TArea } from '../operation';

// lib/notifications/schema.ts is also read by the /notifications forms, so
// the tie to the server's types lives here.
const checks = {
  channel: (c: TChannelView): z.input<typeof ZChannelEnvelopeSchema>['channel'] => c,
  rule: (r: TRuleView): z.input<typeof ZRuleEnvelopeSchema>['rule'] => r,
};
void checks;

const hook: z.input<typeof ZChannelEnvelopeSchema>['channel'] = {
  id: '3f0c9a52-7a51-4c1e-9d55-0b7f1c2f9a10',
  name: 'ops-hook',
  type: 'webhook',
  enabled: true,
  config: { url: 'https://incidents.example.com/tandem?…' },
  hasSecret: true,
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
  pending: 0,
  failed: 0,
  lastAttempt: { at: '2026-12-02T14:00:03.120Z', outcome: 'delivered', detail: 'HTTP 200: ok' },
};
const onCall: z.input<typeof ZRuleEnvelopeSchema>['rule'] = {
  id: '9b7d2e1c-1f3a-4c8e-a2b4-6d5e4f3a2b1c',
  name: 'on-call',
  events: ['vip-moved', 'split-brain', 'finding-raised'],
  clusters: [],
  channels: ['ops-hook'],
  minSeverity: 'warning',
  quietSeconds: 2,
  enabled: true,
  createdAt: '2026-12-01T09:05:00.000Z',
  updatedAt: '2026-12-01T09:05:00.000Z',
};
// Shortened: a real one is some twenty lines of base64.
const privateCa = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUeXAmPlE0Cg8fH2u3Q9mZq1vJ6s0wCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----\n';
const inUse = errorBody({ used: { error: 'conflict', message: 'channel "ops-hook" is used by the rule "on-call": remove it from it first' } });

export const notificationsArea: TArea = {
  tag: 'notifications',
  description: 'Where Tandem sends what happens (admins only): channels (a signed webhook, a Slack-compatible incoming webhook, e-mail over SMTP) and rules (which events of which clusters go to which channels, grouped after a quiet period). Secrets are write-only. See docs/notifications.md.',
  operations: [
    {
      method: 'GET',
      path: '/api/notifications/channels',
      summary: 'List notification channels (never a secret)',
      auth: { kind: 'role', role: 'admin' },
      responses: { 200: { description: 'Every channel with its queue and last attempt.', body: body(ZChannelListSchema, { one: { channels: [hook] } }) } },
    },
    {
      method: 'POST',
      path: '/api/notifications/channels',
      summary: 'Add a channel',
      description: 'An SMTP channel may carry `caCertificate`: the PEM certificate(s) of a private CA that signed the relay’s certificate, trusted for that channel instead of the system’s CAs (with `tls` `starttls` or `tls`).',
      auth: { kind: 'role', role: 'admin' },
      body: body(ZChannelCreateSchema, {
        webhook: { name: 'ops-hook', type: 'webhook', url: 'https://incidents.example.com/tandem', secret: 'a-long-random-signing-secret' },
        slack: { name: 'ops-chat', type: 'slack', url: 'https://hooks.slack.com/services/T000/B000/XXXXXXXX' },
        smtp: { name: 'ops-mail', type: 'smtp', host: 'smtp.example.com', port: 587, tls: 'starttls', user: 'tandem', password: 'smtp-password', from: 'tandem@example.com', to: ['dba@example.com'] },
        internalRelay: { name: 'relay', type: 'smtp', host: 'mail.corp.internal', port: 465, tls: 'tls', caCertificate: privateCa, from: 'tandem@corp.internal', to: ['dba@corp.internal'] },
      }),
      responses: { 201: { description: 'Added.', body: body(ZChannelEnvelopeSchema, { hook: { channel: hook } }) } },
      errors: { 409: { description: 'The name is taken.', body: errorBody({ taken: { error: 'conflict', message: 'a notification channel named "ops-hook" already exists', fields: { name: 'is already taken' } } }) } },
    },
    {
      method: 'GET',
      path: '/api/notifications/channels/{name}',
      summary: 'One channel',
      auth: { kind: 'role', role: 'admin' },
      pathParams: { name: 'the channel’s name' },
      responses: { 200: { description: 'The channel.', body: body(ZChannelEnvelopeSchema, { hook: { channel: hook } }) } },
    },
    {
      method: 'PATCH',
      path: '/api/notifications/channels/{name}',
      summary: 'Change a channel (omitted secrets are kept; the type never changes)',
      auth: { kind: 'role', role: 'admin' },
      pathParams: { name: 'the channel’s name' },
      body: body(ZChannelUpdateSchema, { disable: { enabled: false }, rotate: { secret: 'a-new-long-random-signing-secret' }, systemCas: { caCertificate: null } }),
      responses: { 200: { description: 'Changed.', body: body(ZChannelEnvelopeSchema, { hook: { channel: { ...hook, enabled: false } } }) } },
      errors: { 409: { description: 'The new name is taken.', body: errorBody({ taken: { error: 'conflict', message: 'a notification channel named "ops" already exists', fields: { name: 'is already taken' } } }) } },
    },
    {
      method: 'DELETE',
      path: '/api/notifications/channels/{name}',
      summary: 'Remove a channel with its queue and history',
      auth: { kind: 'role', role: 'admin' },
      pathParams: { name: 'the channel’s name' },
      responses: { 204: { description: 'Removed.' } },
      errors: { 409: { description: 'A rule sends to it.', body: inUse } },
    },
    {
      method: 'POST',
      path: '/api/notifications/channels/{name}/test',
      summary: 'Send a test message now',
      description: 'Answers 200 whether or not the receiver took it: `ok` and `detail` say what it answered.',
      auth: { kind: 'role', role: 'admin' },
      pathParams: { name: 'the channel’s name' },
      responses: {
        200: {
          description: 'What the receiver answered.',
          body: body(ZChannelTestSchema, { delivered: { test: { ok: true, detail: 'HTTP 200: ok', durationMs: 84 } }, refused: { test: { ok: false, detail: 'Invalid login: 535 Authentication failed', durationMs: 230 } } }),
        },
      },
    },
    {
      method: 'GET',
      path: '/api/notifications/channels/{name}/deliveries',
      summary: 'The channel’s recent messages and every attempt, newest first',
      auth: { kind: 'role', role: 'admin' },
      pathParams: { name: 'the channel’s name' },
      responses: {
        200: {
          description: 'Messages (pending, delivered or failed after 24 h) and attempts, tests included.',
          body: body(ZDeliveriesSchema, {
            failover: {
              messages: [{ id: '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c', cluster: 'lab', title: '[CRITICAL] lab: VIP 198.18.0.100 moved from node1 to node2 (+4 more)', severity: 'critical', events: 5, status: 'delivered', attempts: 2, createdAt: '2026-12-02T14:00:03.000Z', nextAttemptAt: null, deliveredAt: '2026-12-02T14:00:08.300Z', lastError: null }],
              attempts: [
                { at: '2026-12-02T14:00:08.200Z', messageId: '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c', outcome: 'delivered', detail: 'HTTP 200: ok', durationMs: 95, test: false },
                { at: '2026-12-02T14:00:03.010Z', messageId: '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c', outcome: 'failed', detail: 'HTTP 503: maintenance', durationMs: 40, test: false },
              ],
            },
          }),
        },
      },
    },
    {
      method: 'GET',
      path: '/api/notifications/rules',
      summary: 'List notification rules',
      auth: { kind: 'role', role: 'admin' },
      responses: { 200: { description: 'Every rule.', body: body(ZRuleListSchema, { one: { rules: [onCall] } }) } },
    },
    {
      method: 'POST',
      path: '/api/notifications/rules',
      summary: 'Add a rule',
      auth: { kind: 'role', role: 'admin' },
      body: body(ZRuleCreateSchema, { onCall: { name: 'on-call', events: ['vip-moved', 'split-brain', 'finding-raised'], channels: ['ops-hook'] }, drills: { name: 'drills', events: ['drill-verdict', 'action-interrupted'], clusters: ['lab'], minSeverity: 'info', quietSeconds: 0, channels: ['ops-mail'] } }),
      responses: { 201: { description: 'Added.', body: body(ZRuleEnvelopeSchema, { onCall: { rule: onCall } }) } },
      errors: { 409: { description: 'The name is taken.', body: errorBody({ taken: { error: 'conflict', message: 'a notification rule named "on-call" already exists', fields: { name: 'is already taken' } } }) } },
    },
    {
      method: 'GET',
      path: '/api/notifications/rules/{name}',
      summary: 'One rule',
      auth: { kind: 'role', role: 'admin' },
      pathParams: { name: 'the rule’s name' },
      responses: { 200: { description: 'The rule.', body: body(ZRuleEnvelopeSchema, { onCall: { rule: onCall } }) } },
    },
    {
      method: 'PATCH',
      path: '/api/notifications/rules/{name}',
      summary: 'Change a rule (fields left out stay as they are)',
      auth: { kind: 'role', role: 'admin' },
      pathParams: { name: 'the rule’s name' },
      body: body(ZRuleUpdateSchema, { critical: { minSeverity: 'critical' }, pause: { enabled: false } }),
      responses: { 200: { description: 'Changed.', body: body(ZRuleEnvelopeSchema, { onCall: { rule: { ...onCall, minSeverity: 'critical' } } }) } },
    },
    {
      method: 'DELETE',
      path: '/api/notifications/rules/{name}',
      summary: 'Remove a rule',
      auth: { kind: 'role', role: 'admin' },
      pathParams: { name: 'the rule’s name' },
      responses: { 204: { description: 'Removed.' } },
    },
  ],
};
