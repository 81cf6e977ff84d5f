import { createHmac, timingSafeEqual } from 'node:crypto';

// The signed string is "<unix seconds>.<body>", as Stripe and Slack sign
// theirs: a receiver checks the signature and rejects an old timestamp, so
// a captured request cannot be replayed later.
export const SIGNATURE_HEADER = 'x-tandem-signature';
export const TIMESTAMP_HEADER = 'x-tandem-timestamp';
export const DELIVERY_HEADER = 'x-tandem-delivery';

export const signWebhook = (secret: string, timestamp: number, body: string): string => `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

// What a receiver does (shown in the docs; used by the tests' receiver).
export const verifyWebhook = (secret: string, headers: { signature: string | null; timestamp: string | null }, body: string, nowSeconds = Math.floor(Date.now() / 1000), toleranceSeconds = 300): boolean => {
  if (!headers.signature || !headers.timestamp || !/^\d+$/.test(headers.timestamp)) return false;
  const ts = Number(headers.timestamp);
  if (Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
};
