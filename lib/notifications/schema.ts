import { z } from 'zod';

// Imported by the /notifications forms as well as the server, so this file
// stays free of node: and database imports.

// What a rule can ask for. Findings carry their own severity; the others are
// notified whatever a rule's minimum severity.
export const NOTIFY_EVENT_KINDS = [
  'vip-moved',
  'split-brain',
  'keepalived-transition',
  'finding-raised',
  'finding-cleared',
  'action-finished',
  'action-failed',
  'action-interrupted',
  'drill-verdict',
] as const;
export type TNotifyEventKind = (typeof NOTIFY_EVENT_KINDS)[number];

export const NOTIFY_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type TNotifySeverity = (typeof NOTIFY_SEVERITIES)[number];
export const severityRank = (s: string): number => Math.max(0, (NOTIFY_SEVERITIES as readonly string[]).indexOf(s));

export const CHANNEL_TYPES = ['webhook', 'slack', 'smtp'] as const;
export type TChannelType = (typeof CHANNEL_TYPES)[number];
export const isChannelType = (s: string): s is TChannelType => (CHANNEL_TYPES as readonly string[]).includes(s);
export const SMTP_TLS_MODES = ['none', 'starttls', 'tls'] as const;

export const NOTIFY_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const NAME_RULE = 'must be 1–63 letters, digits, dots, dashes or underscores';
const name = z.string({ error: NAME_RULE }).trim().regex(NOTIFY_NAME_RE, NAME_RULE);
const httpUrl = z
  .string({ error: 'must be an http:// or https:// URL' })
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .refine((u) => {
    try {
      const p = new URL(u);
      return (p.protocol === 'http:' || p.protocol === 'https:') && p.hostname !== '' && p.username === '' && p.password === '';
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL without user:password@');
// Printable, and short enough for a header value's HMAC key.
const SECRET_RULE = 'must be 16–256 printable characters';
const webhookSecret = z.string({ error: SECRET_RULE }).min(16, SECRET_RULE).max(256, SECRET_RULE).regex(/^[\x21-\x7e]+$/, SECRET_RULE);
const email = z.string({ error: 'must be an e-mail address' }).trim().max(254).regex(/^[^\s@<>",;]+@[^\s@<>",;]+$/, 'must be an e-mail address');
const host = z.string({ error: 'must be a host name or address' }).trim().min(1, 'must be a host name or address').max(253).regex(/^[A-Za-z0-9.:_-]+$/, 'must be a host name or address');
const port = z.number({ error: 'must be a port, 1–65535' }).int('must be a port, 1–65535').min(1, 'must be a port, 1–65535').max(65535, 'must be a port, 1–65535');
const smtpUser = z.string().trim().min(1).max(254);
// The certificate(s) of a private CA that signed the relay's certificate (an
// internal mail relay the system's trust store does not know). Public, so
// kept in clear with the other settings.
const PEM_RULE = 'must be one or more PEM certificates (-----BEGIN CERTIFICATE----- …)';
const caCertificate = z
  .string({ error: PEM_RULE })
  .trim()
  .max(32_768, 'must be at most 32768 characters')
  .regex(/^(-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*)+$/, PEM_RULE);
const smtpPassword = z.string().min(1).max(1024);

export const ZWebhookChannelSchema = z.strictObject({ name, type: z.literal('webhook'), enabled: z.boolean().default(true), url: httpUrl, secret: webhookSecret });
export const ZSlackChannelSchema = z.strictObject({ name, type: z.literal('slack'), enabled: z.boolean().default(true), url: httpUrl });
export const ZSmtpChannelSchema = z.strictObject({
  name,
  type: z.literal('smtp'),
  enabled: z.boolean().default(true),
  host,
  port: port.default(587),
  tls: z.enum(SMTP_TLS_MODES, { error: `must be one of ${SMTP_TLS_MODES.join(', ')}` }).default('starttls'),
  user: smtpUser.optional(),
  password: smtpPassword.optional(),
  caCertificate: caCertificate.optional(),
  from: email,
  to: z.array(email, { error: 'must be a list of e-mail addresses' }).min(1, 'needs at least one address').max(20, 'at most 20 addresses'),
});
export const ZChannelCreateSchema = z.discriminatedUnion('type', [ZWebhookChannelSchema, ZSlackChannelSchema, ZSmtpChannelSchema], { error: `type must be one of ${CHANNEL_TYPES.join(', ')}` });
export type TChannelCreate = z.infer<typeof ZChannelCreateSchema>;

// PATCH: the type never changes; an omitted secret (secret, url of a Slack
// channel, SMTP password) is kept; `password: null` removes the SMTP login,
// `caCertificate: null` the private CA.
export const ZChannelUpdateSchema = z.strictObject({
  name: name.optional(),
  enabled: z.boolean().optional(),
  url: httpUrl.optional(),
  secret: webhookSecret.optional(),
  host: host.optional(),
  port: port.optional(),
  tls: z.enum(SMTP_TLS_MODES).optional(),
  user: smtpUser.nullable().optional(),
  password: smtpPassword.nullable().optional(),
  caCertificate: caCertificate.nullable().optional(),
  from: email.optional(),
  to: z.array(email).min(1).max(20).optional(),
});
export type TChannelUpdate = z.infer<typeof ZChannelUpdateSchema>;

// What is stored in clear (config) and encrypted (secret), per type.
export const ZWebhookConfig = z.object({ url: z.string() });
export const ZWebhookSecret = z.object({ secret: z.string() });
export const ZSlackConfig = z.object({ urlHint: z.string() });
export const ZSlackSecret = z.object({ url: z.string() });
// caCertificate: absent from channels stored before it existed.
export const ZSmtpConfig = z.object({ host: z.string(), port: z.number(), tls: z.enum(SMTP_TLS_MODES), user: z.string().nullable(), caCertificate: z.string().nullable().default(null), from: z.string(), to: z.array(z.string()) });
export const ZSmtpSecret = z.object({ password: z.string().nullable() });

// A channel as the API shows it: never a secret.
export const ZChannelViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(CHANNEL_TYPES),
  enabled: z.boolean(),
  // webhook: url (its query string hidden); slack: the host only; smtp:
  // host, port, tls, user, caCertificate, from, to.
  config: z.record(z.string(), z.unknown()),
  hasSecret: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  pending: z.number().int(),
  failed: z.number().int(),
  lastAttempt: z.object({ at: z.string(), outcome: z.string(), detail: z.string().nullable() }).nullable(),
});
export type TChannelView = z.infer<typeof ZChannelViewSchema>;

const QUIET_RULE = 'must be a whole number of seconds, 0–600';
const ruleFields = {
  name,
  events: z.array(z.enum(NOTIFY_EVENT_KINDS, { error: `must be one of ${NOTIFY_EVENT_KINDS.join(', ')}` })).min(1, 'needs at least one event kind'),
  // Empty: every cluster, including those added later.
  clusters: z.array(z.string().trim().min(1).max(63)).max(1000),
  // Channel names.
  channels: z.array(name).min(1, 'needs at least one channel').max(50),
  minSeverity: z.enum(NOTIFY_SEVERITIES, { error: `must be one of ${NOTIFY_SEVERITIES.join(', ')}` }),
  // A burst of events closer together than this goes out as one message.
  quietSeconds: z.number({ error: QUIET_RULE }).int(QUIET_RULE).min(0, QUIET_RULE).max(600, QUIET_RULE),
  enabled: z.boolean(),
};
export const ZRuleCreateSchema = z.strictObject({
  ...ruleFields,
  clusters: ruleFields.clusters.default([]),
  minSeverity: ruleFields.minSeverity.default('warning'),
  quietSeconds: ruleFields.quietSeconds.default(2),
  enabled: ruleFields.enabled.default(true),
});
export type TRuleCreate = z.infer<typeof ZRuleCreateSchema>;
// No defaults here: a field left out of a PATCH stays as it is.
export const ZRuleUpdateSchema = z.strictObject(ruleFields).partial();
export type TRuleUpdate = z.infer<typeof ZRuleUpdateSchema>;

export const ZRuleViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  events: z.array(z.enum(NOTIFY_EVENT_KINDS)),
  clusters: z.array(z.string()),
  channels: z.array(z.string()),
  minSeverity: z.enum(NOTIFY_SEVERITIES),
  quietSeconds: z.number().int(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TRuleView = z.infer<typeof ZRuleViewSchema>;

// One event as it is queued, grouped and sent.
export const ZNotifyEventSchema = z.object({
  kind: z.enum(NOTIFY_EVENT_KINDS),
  cluster: z.string(),
  node: z.string().nullable(),
  severity: z.enum(NOTIFY_SEVERITIES),
  at: z.string(),
  message: z.string(),
  advice: z.string().nullable().default(null),
  // A finding's code, a run's id and kind: for receivers that route on them.
  code: z.string().nullable().default(null),
  runId: z.string().nullable().default(null),
  // A VIP move: who held it before and after, to tell a journey through
  // "nobody" as one move.
  vip: z.object({ address: z.string(), from: z.array(z.string()), to: z.array(z.string()) }).nullable().default(null),
});
export type TNotifyEvent = z.infer<typeof ZNotifyEventSchema>;

export const ZDeliverySchema = z.object({
  id: z.string(),
  cluster: z.string(),
  title: z.string(),
  severity: z.string(),
  events: z.number().int(),
  status: z.enum(['pending', 'sending', 'delivered', 'failed']),
  attempts: z.number().int(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export const ZAttemptSchema = z.object({ at: z.string(), messageId: z.string().nullable(), outcome: z.string(), detail: z.string().nullable(), durationMs: z.number().int(), test: z.boolean() });
export type TDelivery = z.infer<typeof ZDeliverySchema>;
export type TAttempt = z.infer<typeof ZAttemptSchema>;

// What the API answers.
export const ZChannelListSchema = z.object({ channels: z.array(ZChannelViewSchema) });
export const ZChannelEnvelopeSchema = z.object({ channel: ZChannelViewSchema });
export const ZChannelTestSchema = z.object({ test: z.object({ ok: z.boolean(), detail: z.string(), durationMs: z.number().int() }) });
export const ZDeliveriesSchema = z.object({ messages: z.array(ZDeliverySchema), attempts: z.array(ZAttemptSchema) });
export const ZRuleListSchema = z.object({ rules: z.array(ZRuleViewSchema) });
export const ZRuleEnvelopeSchema = z.object({ rule: ZRuleViewSchema });
