import type { ServerResponse } from 'node:http';
import list from '@/lib/http/security-headers.json';

// Baseline hardening for every response. The list is JSON because
// next.config.js (plain JS, loaded before any TypeScript) reads it too; pages
// then get a stricter nonce-based CSP from proxy.ts in place of this one.
export type TSecurityHeader = { key: string; value: string };

export const SECURITY_HEADERS: readonly TSecurityHeader[] = list;

// Set before anything answers, so responses Next's headers() never sees
// (Socket.IO polling, Next's own error pages, server.ts's 400) carry them too.
export const setSecurityHeaders = (res: ServerResponse): void => {
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
};
