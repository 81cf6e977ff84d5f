import type { IncomingMessage } from 'node:http';
import { getEnv } from '@/lib/env';
import { CLIENT_ADDRESS_HEADER, clientAddress, parseTrustedProxies, type TTrustedProxies } from './client-address';

let trusted: { key: string; list: TTrustedProxies | null } | undefined;
const trustedProxies = (): TTrustedProxies | null => {
  const entries = getEnv().TANDEM_TRUSTED_PROXIES;
  const key = entries.join(',');
  if (trusted?.key !== key) trusted = { key, list: entries.length > 0 ? parseTrustedProxies(entries).list : null };
  return trusted.list;
};

const headerText = (v: string | string[] | undefined): string | null => (Array.isArray(v) ? v.join(',') : (v ?? null));

// Runs on every request before Next sees it: whatever the client put under
// the header's name is dropped, and Tandem's own decision is written there.
export const stampClientAddress = (req: IncomingMessage): void => {
  delete req.headers[CLIENT_ADDRESS_HEADER];
  const address = clientAddress({ peer: req.socket.remoteAddress, forwardedFor: headerText(req.headers['x-forwarded-for']), realIp: headerText(req.headers['x-real-ip']) }, trustedProxies());
  if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
};
