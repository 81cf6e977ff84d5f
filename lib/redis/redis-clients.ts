import { createClient } from 'redis';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log';

type TClient = ReturnType<typeof createClient>;
// command: commands and publishes; subscriber: Socket.IO's adapter listens on it.
export type TRedis = { command: TClient; subscriber: TClient };

// One pair of connections per process, on globalThis (the custom server and
// Next's route bundles share them). null: no TANDEM_REDIS_URL, one server.
const store = globalThis as typeof globalThis & { __tandemRedis?: TRedis | null };

// A busy start-up (Next preparing, three servers on two cores) blocked the
// event loop past a 2 s connect timeout; 10 s. An outage must not end the process: the clients reconnect on their own
// (backing off up to 2 s), commands wait in the offline queue, and the outage
// is logged once when it starts and once when it ends.
const connect = (url: string, role: string): TClient => {
  let isDown = false;
  const client = createClient({ url, socket: { connectTimeout: 10_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) } });
  client.on('error', (e: unknown) => {
    if (isDown) return;
    isDown = true;
    logger.error('redis unreachable; retrying', { role, error: e instanceof Error ? e.message : String(e) });
  });
  client.on('ready', () => {
    if (isDown) logger.info('redis reachable again', { role });
    isDown = false;
  });
  client.connect().catch(() => undefined);
  return client;
};

export const getRedis = (): TRedis | null => {
  if (store.__tandemRedis !== undefined) return store.__tandemRedis;
  const url = getEnv().TANDEM_REDIS_URL;
  store.__tandemRedis = url ? { command: connect(url, 'command'), subscriber: connect(url, 'subscriber') } : null;
  return store.__tandemRedis;
};

export const closeRedis = async (): Promise<void> => {
  const r = store.__tandemRedis;
  store.__tandemRedis = undefined;
  if (!r) return;
  await Promise.allSettled([r.command.close(), r.subscriber.close()]);
};

// Start-up waits (up to ms) for both connections, so that Socket.IO's adapter
// subscribes on a connected client. false: not yet.
export const redisReady = async (ms: number): Promise<boolean> => {
  const r = getRedis();
  if (!r) return true;
  const ready = (c: TClient) => (c.isReady ? Promise.resolve() : new Promise<void>((resolve) => c.once('ready', () => resolve())));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const result = await Promise.race([Promise.all([ready(r.command), ready(r.subscriber)]).then(() => true), timeout]);
  clearTimeout(timer);
  return result;
};
