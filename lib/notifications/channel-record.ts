import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { decryptSecret, encryptSecret } from '@/lib/secrets/cipher';
import { AppError } from '@/lib/errors/app-error';
import {
  ZSlackConfig,
  ZSlackSecret,
  ZSmtpConfig,
  ZSmtpSecret,
  ZWebhookConfig,
  ZWebhookSecret,
  isChannelType,
  type TChannelCreate,
  type TChannelView,
} from './schema';

// A channel ready to send to: secrets decrypted. Built only for a delivery,
// never serialised, logged or returned.
export type TChannelTarget =
  | { id: string; name: string; type: 'webhook'; url: string; secret: string }
  | { id: string; name: string; type: 'slack'; url: string }
  | { id: string; name: string; type: 'smtp'; host: string; port: number; tls: 'none' | 'starttls' | 'tls'; user: string | null; password: string | null; caCertificate: string | null; from: string; to: string[] };

const ZStoredConfig = z.record(z.string(), z.unknown());

type TStored = { config: string; secret: string | null };

// A query string often carries a token (?key=…): shown as "?…".
export const urlShown = (url: string): string => {
  const u = new URL(url);
  return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
};

const seal = (value: object): string => encryptSecret(JSON.stringify(value), 'notification.secret');

// The schema checks the PEM's shape; this reads each certificate, so a
// paste that lost a line is refused when it is saved, not at 3 a.m. when
// the first alert cannot be mailed.
const checkCertificates = (pem: string): void => {
  for (const block of pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []) {
    try {
      new X509Certificate(block);
    } catch {
      throw new AppError('INVALID', 'invalid channel', { fields: { caCertificate: 'holds a block that is not an X.509 certificate' } });
    }
  }
};

export const storedChannel = (c: TChannelCreate): TStored => {
  switch (c.type) {
    case 'webhook':
      return { config: JSON.stringify({ url: c.url }), secret: seal({ secret: c.secret }) };
    case 'slack':
      // The incoming-webhook URL is itself the credential.
      return { config: JSON.stringify({ urlHint: `${new URL(c.url).origin}/…` }), secret: seal({ url: c.url }) };
    case 'smtp':
      if (c.caCertificate !== undefined) checkCertificates(c.caCertificate);
      return {
        config: JSON.stringify({ host: c.host, port: c.port, tls: c.tls, user: c.user ?? null, caCertificate: c.caCertificate ?? null, from: c.from, to: c.to }),
        secret: seal({ password: c.password ?? null }),
      };
  }
};

const parseJson = <T extends z.ZodType>(schema: T, text: string | null, what: string): z.infer<T> => {
  const r = schema.safeParse(text === null ? null : JSON.parse(text));
  if (!r.success) throw new AppError('INTERNAL', `stored notification channel ${what} is malformed`);
  return r.data;
};

// Back to the document a create would take, secrets included: for an update
// that changes some fields and keeps the rest.
export const channelDocument = (row: { name: string; type: string; enabled: boolean; config: string; secret: string | null }): TChannelCreate => {
  const open = (): unknown => (row.secret === null ? null : JSON.parse(decryptSecret(row.secret, 'notification.secret')));
  switch (row.type) {
    case 'webhook':
      return { name: row.name, type: 'webhook', enabled: row.enabled, url: parseJson(ZWebhookConfig, row.config, 'config').url, secret: ZWebhookSecret.parse(open()).secret };
    case 'slack':
      return { name: row.name, type: 'slack', enabled: row.enabled, url: ZSlackSecret.parse(open()).url };
    case 'smtp': {
      const c = parseJson(ZSmtpConfig, row.config, 'config');
      const s = ZSmtpSecret.parse(open() ?? { password: null });
      return { name: row.name, type: 'smtp', enabled: row.enabled, host: c.host, port: c.port, tls: c.tls, ...(c.user !== null && { user: c.user }), ...(s.password !== null && { password: s.password }), ...(c.caCertificate !== null && { caCertificate: c.caCertificate }), from: c.from, to: c.to };
    }
    default:
      throw new AppError('INTERNAL', `stored notification channel has an unknown type "${row.type}"`);
  }
};

export const channelTarget = (row: { id: string; name: string; type: string; enabled: boolean; config: string; secret: string | null }): TChannelTarget => {
  const d = channelDocument(row);
  switch (d.type) {
    case 'webhook':
      return { id: row.id, name: d.name, type: 'webhook', url: d.url, secret: d.secret };
    case 'slack':
      return { id: row.id, name: d.name, type: 'slack', url: d.url };
    case 'smtp':
      return { id: row.id, name: d.name, type: 'smtp', host: d.host, port: d.port, tls: d.tls, user: d.user ?? null, password: d.password ?? null, caCertificate: d.caCertificate ?? null, from: d.from, to: d.to };
  }
};

export const channelView = (
  row: { id: string; name: string; type: string; enabled: boolean; config: string; createdAt: Date; updatedAt: Date },
  stats: { hasSecret: boolean; pending: number; failed: number; lastAttempt: { at: Date; outcome: string; detail: string | null } | null },
): TChannelView => {
  const config = ZStoredConfig.parse(JSON.parse(row.config));
  if (row.type === 'webhook' && typeof config.url === 'string') config.url = urlShown(config.url);
  return {
    id: row.id,
    name: row.name,
    type: isChannelType(row.type) ? row.type : 'webhook',
    enabled: row.enabled,
    config,
    hasSecret: stats.hasSecret,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    pending: stats.pending,
    failed: stats.failed,
    lastAttempt: stats.lastAttempt && { at: stats.lastAttempt.at.toISOString(), outcome: stats.lastAttempt.outcome, detail: stats.lastAttempt.detail },
  };
};
