import nodemailer from 'nodemailer';
import type { TChannelTarget } from './channel-record';
import { plainText, slackBody, webhookBody, type TRendered } from './render';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './sign-webhook';

export const DELIVERY_TIMEOUT_MS = 10_000;

export type TDeliveryOutcome = { ok: boolean; detail: string };

const messageOf = (e: unknown): string => {
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return `${e.message}${cause}`;
  }
  return String(e);
};

// The answer's first bytes say why a receiver refused; the rest is not kept.
const post = async (url: string, body: string, headers: Record<string, string>): Promise<TDeliveryOutcome> => {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'user-agent': 'Tandem-notifier', ...headers }, redirect: 'manual', signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
  const text = (await res.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ').trim();
  return { ok: res.status >= 200 && res.status < 300, detail: `HTTP ${res.status}${text ? `: ${text}` : ''}` };
};

export const deliver = async (target: TChannelTarget, m: TRendered): Promise<TDeliveryOutcome> => {
  try {
    switch (target.type) {
      case 'webhook': {
        const body = webhookBody(m, new Date());
        const ts = Math.floor(Date.now() / 1000);
        return await post(target.url, body, { [SIGNATURE_HEADER]: signWebhook(target.secret, ts, body), [TIMESTAMP_HEADER]: String(ts), [DELIVERY_HEADER]: m.id });
      }
      case 'slack':
        return await post(target.url, slackBody(m), {});
      case 'smtp': {
        const transport = nodemailer.createTransport({
          host: target.host,
          port: target.port,
          secure: target.tls === 'tls',
          requireTLS: target.tls === 'starttls',
          ignoreTLS: target.tls === 'none',
          ...(target.user !== null && { auth: { user: target.user, pass: target.password ?? '' } }),
          // Trusted instead of the system's roots, not beside them: a relay
          // with a private CA is trusted for that CA only.
          ...(target.caCertificate !== null && { tls: { ca: target.caCertificate } }),
          connectionTimeout: DELIVERY_TIMEOUT_MS,
          greetingTimeout: DELIVERY_TIMEOUT_MS,
          socketTimeout: DELIVERY_TIMEOUT_MS,
        });
        try {
          const info = await transport.sendMail({ from: target.from, to: target.to, subject: m.title, text: plainText(m), headers: { 'X-Tandem-Delivery': m.id } });
          return { ok: true, detail: `SMTP ${String(info.response).slice(0, 200)}` };
        } finally {
          transport.close();
        }
      }
    }
  } catch (e) {
    return { ok: false, detail: messageOf(e).slice(0, 500) };
  }
};
