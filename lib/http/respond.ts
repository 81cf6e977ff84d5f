import { NextResponse } from 'next/server';
import { isAppError, type TAppErrorCode } from '@/lib/errors/app-error';
import type { TErrorBody } from '@/lib/http/body-schemas';
import { logger } from '@/lib/log';

// The one place error codes become HTTP statuses.
const STATUS: Record<TAppErrorCode, number> = {
  INVALID: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  SECRET_KEY: 500,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

const BODY_ERROR: Record<TAppErrorCode, string> = {
  INVALID: 'invalid',
  MALFORMED_JSON: 'malformed_json',
  UNSUPPORTED_MEDIA_TYPE: 'unsupported_media_type',
  PAYLOAD_TOO_LARGE: 'payload_too_large',
  NOT_FOUND: 'not_found',
  CONFLICT: 'conflict',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  RATE_LIMITED: 'rate_limited',
  SECRET_KEY: 'secret_key',
  UNAVAILABLE: 'unavailable',
  INTERNAL: 'internal',
};

export const json = (body: unknown, status = 200): NextResponse =>
  NextResponse.json(body, { status, headers: { 'cache-control': 'no-store' } });

export const errorResponse = (e: unknown): NextResponse => {
  if (isAppError(e)) {
    if (STATUS[e.code] >= 500) logger.error('request failed', { code: e.code, message: e.message });
    const body: TErrorBody = { error: e.reason ?? BODY_ERROR[e.code], message: e.message, ...(e.fields && { fields: e.fields }), ...(e.retryAfterSeconds !== undefined && { retryAfterSeconds: e.retryAfterSeconds }), ...e.extra };
    const res = json(body, STATUS[e.code]);
    if (e.retryAfterSeconds !== undefined) res.headers.set('retry-after', String(e.retryAfterSeconds));
    return res;
  }
  // Unknown errors may quote a query or driver detail; log the name only.
  logger.error('unexpected error', { error: e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : 'non-error thrown' });
  return json({ error: 'internal', message: 'internal error' } satisfies TErrorBody, 500);
};

// Wraps a handler so every thrown error leaves through errorResponse.
export const handle =
  <A extends unknown[]>(fn: (...args: A) => Promise<Response>) =>
  async (...args: A): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (e) {
      return errorResponse(e);
    }
  };

