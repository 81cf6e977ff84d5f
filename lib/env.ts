import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseTrustedProxies } from '@/lib/http/client-address';

// The one place that reads process.env. Everything else asks getEnv().
const ZEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|mysql:\/\/|mariadb:\/\/)/, 'must start with file:, mysql:// or mariadb://')
    .optional(),
  TANDEM_DATA_DIR: z.string().min(1).default('data'),
  TANDEM_SECRET_KEY: z.string().min(1).optional(),
  TANDEM_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  TANDEM_COLLECTOR: z.enum(['on', 'off']).default('on'),
  TANDEM_LOG_STREAM: z.enum(['on', 'off']).default('on'),
  TANDEM_POLL_INTERVAL_MS: z.coerce.number().int().min(200).max(60_000).default(1000),
  TANDEM_LAG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  TANDEM_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // Audit rows older than this are exported to data/audit-archive/ and pruned.
  TANDEM_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(365),
  // Reverse proxies whose X-Forwarded-For is believed (comma-separated
  // addresses or CIDRs). Empty: the socket's peer is the client.
  TANDEM_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((e) => e.trim()).filter((e) => e !== ''))
    .superRefine((entries, ctx) => {
      const { invalid } = parseTrustedProxies(entries);
      if (invalid.length > 0) ctx.addIssue({ code: 'custom', message: `not an address or CIDR: ${invalid.join(', ')}` });
    }),
  // The absolute lifetime of a browser session, however often it is used.
  // A pause between an action's steps, for demonstrations and for tests that
  // abort or kill a run at a chosen point. 0 in normal use.
  TANDEM_ACTION_STEP_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  // The address people open Tandem at, for the links in notifications.
  // Default: http://HOST:PORT.
  TANDEM_PUBLIC_URL: z.string().url('must be a URL such as https://tandem.example.com').optional(),
  TANDEM_NOTIFICATIONS: z.enum(['on', 'off']).default('on'),
  TANDEM_SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  // Several servers: Socket.IO pushes, sign-in rate limits and forwarded
  // action requests go through this Redis. Unset: one server, all in memory.
  TANDEM_REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  // This server's name among those sharing a MySQL/MariaDB inventory; stable
  // across restarts so a restarted server takes its clusters back at once.
  // Default: HOSTNAME:PORT.
  TANDEM_SERVER_ID: z.string().regex(/^[A-Za-z0-9._:-]{1,120}$/, 'letters, digits and . _ : - (at most 120)').optional(),
  // A cluster lease lasts TTL and is renewed every RENEW: a dead server's
  // clusters are watched elsewhere within TTL + RENEW.
  TANDEM_LEASE_TTL_MS: z.coerce.number().int().min(3000).max(120_000).default(5000),
  TANDEM_LEASE_RENEW_MS: z.coerce.number().int().min(500).max(40_000).default(1500),
}).refine((e) => e.TANDEM_LEASE_RENEW_MS * 2.5 <= e.TANDEM_LEASE_TTL_MS, { path: ['TANDEM_LEASE_RENEW_MS'], message: 'must be at most TANDEM_LEASE_TTL_MS / 2.5 (a lease must survive one missed renewal)' });

export type TEnv = z.infer<typeof ZEnvSchema> & { dataDir: string; databaseUrl: string; publicUrl: string; serverId: string };

let cached: TEnv | undefined;

export const getEnv = (): TEnv => {
  if (cached) return cached;
  // An empty variable (DATABASE_URL= in a unit file) means unset, as in most tools.
  const set = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ''));
  const parsed = ZEnvSchema.safeParse(set);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid environment: ${detail}`);
  }
  const dataDir = path.resolve(parsed.data.TANDEM_DATA_DIR);
  cached = {
    ...parsed.data,
    dataDir,
    databaseUrl: parsed.data.DATABASE_URL ?? `file:${path.join(dataDir, 'tandem.db')}`,
    publicUrl: parsed.data.TANDEM_PUBLIC_URL ?? `http://${parsed.data.HOST.includes(':') ? `[${parsed.data.HOST}]` : parsed.data.HOST}:${parsed.data.PORT}`,
    serverId: parsed.data.TANDEM_SERVER_ID ?? `${hostname()}:${parsed.data.PORT}`,
  };
  return cached;
};

// Tests switch databases between suites in one process.
export const resetEnvCache = (): void => {
  cached = undefined;
};
