import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import { authenticate, cookieValue, type TPrincipal } from '@/lib/auth/authenticate';
import { SESSION_COOKIE, sessionIdOf } from '@/lib/auth/sessions';
import { canRead, isRole } from '@/lib/auth/roles';
import { getClusterState } from '@/lib/collector/get-cluster-state';
import { liveLogTail, liveSnapshot } from '@/lib/collector/collector';
import type { TLogLine } from '@/lib/collector/log-tail';
import type { TRunView } from '@/lib/actions/run-view';
import type { TClusterEvent, TClusterSnapshot, TLagPoint } from '@/lib/collector/snapshot';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';
import { isSameOrigin } from '@/lib/http/same-origin';
import { logger } from '@/lib/log';
import { listFleetSummaries } from '@/lib/collector/list-fleet-summaries';
import type { TFleetBatch } from '@/lib/cluster-state/fleet-summary';
import { FLEET_ROOM, forgetFleetCluster, queueFleetSummary } from './fleet-stream';
import { getRedis } from '@/lib/redis/redis-clients';
import { getIo, holderRooms, setIo, type TCredential } from './io-store';
import { askLiveView } from './live-view';

export type THello = { server: 'tandem'; version: string; time: string };

const ZSubscribeSchema = z.object({ cluster: z.string().min(1).max(63) });
type TAck = (answer: { ok: true } | { ok: false; error: string }) => void;

export const roomOf = (cluster: string): string => `cluster:${cluster}`;

// Rooms naming who holds a socket, so endRealtimeFor reaches that holder's
// sockets on every server (through the Redis adapter).
// Decided in the handshake, joined on connection (typed, unlike socket.data).
const holderRoomsOf = new WeakMap<Socket, string[]>();

// Who the handshake's credentials name now: a session can end, a token be
// revoked or a user lose their role after the socket connected.
const principalNow = async (socket: Socket): Promise<TPrincipal | null> => {
  const authToken: unknown = socket.handshake.auth?.token;
  return authenticate({
    db: await getDb(),
    authorization: typeof authToken === 'string' ? `Bearer ${authToken}` : socket.handshake.headers.authorization,
    cookie: socket.handshake.headers.cookie,
  });
};

const REVALIDATE_EVERY_MS = 30_000;

// Every subscription asks again who the socket's credential names now: a
// principal that is gone is disconnected, one that may not read is refused.
const mayRead = async (socket: Socket, ack: TAck | undefined): Promise<boolean> => {
  const principal = await principalNow(socket).catch(() => null);
  if (!principal) {
    ack?.({ ok: false, error: 'unauthorized' });
    socket.disconnect(true);
    return false;
  }
  if (isRole(principal.role) && canRead(principal.role)) return true;
  ack?.({ ok: false, error: 'forbidden' });
  return false;
};

const onSubscribe = async (socket: Socket, payload: unknown, ack: TAck | undefined): Promise<void> => {
  const parsed = ZSubscribeSchema.safeParse(payload);
  if (!parsed.success) return ack?.({ ok: false, error: 'expected { cluster: NAME }' });
  if (!(await mayRead(socket, ack))) return;
  const { cluster } = parsed.data;
  try {
    const state = await getClusterState({ db: await getDb(), name: cluster });
    await socket.join(roomOf(cluster));
    ack?.({ ok: true });
    // Watched by another server: its live state and log tail, else the saved state.
    const remote = !liveSnapshot(cluster) && getRedis() ? await askLiveView(socket.nsp.server, cluster) : null;
    const shown = remote?.state ?? state;
    if (shown) socket.emit('cluster:state', shown);
    // The whole recent tail, so a page that reconnects replaces what it missed.
    socket.emit('cluster:log-tail', { cluster, lines: remote?.lines ?? liveLogTail(cluster) });
  } catch (e) {
    ack?.({ ok: false, error: isAppError(e) && e.code === 'NOT_FOUND' ? `no cluster named "${cluster}"` : 'internal error' });
  }
};

// The overview's stream: every cluster's summary at once, then the batches
// of what changed (fleet-stream.ts).
const onSubscribeFleet = async (socket: Socket, ack: TAck | undefined): Promise<void> => {
  if (!(await mayRead(socket, ack))) return;
  try {
    await socket.join(FLEET_ROOM);
    const all: TFleetBatch = { changed: await listFleetSummaries({ db: await getDb() }), observed: [] };
    ack?.({ ok: true });
    socket.emit('fleet:summaries', all);
  } catch {
    ack?.({ ok: false, error: 'internal error' });
  }
};

export const attachRealtime = (httpServer: HttpServer, version: string): Server => {
  const io = new Server(httpServer, {
    serveClient: false,
    cors: { origin: false },
    // A browser names its page's origin: only Tandem's own pages may connect
    // (scripts send no Origin and must bring a token or cookie anyway).
    allowRequest: (req, callback) => {
      const h = req.headers;
      const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
      callback(null, isSameOrigin({ origin: one(h.origin), host: one(h.host), forwardedHost: one(h['x-forwarded-host']), secFetchSite: one(h['sec-fetch-site']) }, { allowMissing: true }));
    },
  });
  // Several servers: a push reaches the sockets of every server (a page on
  // one sees clusters another watches). Answers to the servers' own requests
  // (a forwarded action's preflight) may take as long as a preflight does.
  // The adapter subscribes as it is created: only on a connected client (a
  // subscription queued while the first connection timed out was lost, seen
  // with three servers starting at once on two cores). Started while Redis
  // is down, this server pushes to its own pages until Redis answers.
  const redis = getRedis();
  if (redis) {
    const useRedis = () => io.adapter(createAdapter(redis.command, redis.subscriber, { requestsTimeout: 30_000 }));
    if (redis.subscriber.isReady) useRedis();
    else {
      logger.warn('redis not reachable yet: Socket.IO pushes stay on this server until it is');
      redis.subscriber.once('ready', useRedis);
    }
  }
  // The handshake must carry the session cookie (browsers) or a bearer token
  // (auth.token or an Authorization header); anyone else is refused.
  io.use((socket, next) => {
    void principalNow(socket)
      .then((principal) => {
        if (!principal || !canRead(principal.role)) return next(new Error('unauthorized'));
        socket.data.principal = principal;
        const cookieToken = principal.kind === 'user' ? cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE) : null;
        const credential: TCredential = { kind: principal.kind, name: principal.name, sessionId: cookieToken ? sessionIdOf(cookieToken) : null };
        socket.data.credential = credential;
        holderRoomsOf.set(socket, holderRooms(credential));
        next();
      })
      .catch(() => next(new Error('unauthorized')));
  });
  // Ends connections whose credential stopped working without Tandem being
  // told in this process (a token revoked by the CLI, a session expired). One
  // check per credential, however many tabs hold it.
  const sweep = setInterval(() => {
    const checks = new Map<string, Promise<TPrincipal | null>>();
    for (const socket of io.sockets.sockets.values()) {
      const h = socket.handshake;
      const key = JSON.stringify([h.auth?.token ?? null, h.headers.authorization ?? null, h.headers.cookie ?? null]);
      let check = checks.get(key);
      if (!check) {
        check = principalNow(socket);
        checks.set(key, check);
      }
      void check.then((p) => p === null && socket.disconnect(true)).catch(() => undefined);
    }
  }, REVALIDATE_EVERY_MS);
  sweep.unref();
  io.on('connection', (socket) => {
    const rooms = holderRoomsOf.get(socket);
    if (rooms) void socket.join(rooms);
    const hello: THello = { server: 'tandem', version, time: new Date().toISOString() };
    socket.emit('hello', hello);
    socket.on('subscribe', (payload: unknown, ack?: TAck) => void onSubscribe(socket, payload, typeof ack === 'function' ? ack : undefined));
    socket.on('subscribe-fleet', (_payload: unknown, ack?: TAck) => void onSubscribeFleet(socket, typeof ack === 'function' ? ack : undefined));
    socket.on('unsubscribe-fleet', () => void socket.leave(FLEET_ROOM));
    socket.on('unsubscribe', (payload: unknown, ack?: TAck) => {
      const parsed = ZSubscribeSchema.safeParse(payload);
      if (parsed.success) void socket.leave(roomOf(parsed.data.cluster));
      if (typeof ack === 'function') ack(parsed.success ? { ok: true } : { ok: false, error: 'expected { cluster: NAME }' });
    });
    logger.debug('socket connected', { id: socket.id });
  });
  setIo(io);
  return io;
};

// Socket.IO encodes a message before it looks who is in the room: at 1,000
// nodes that was a whole snapshot serialised for nobody on nearly every poll.
// Alone, this server knows its rooms; with Redis, pages on other servers may
// be listening, so it always sends.
const anyoneIn = (io: Server, room: string): boolean => getRedis() !== null || (io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;

export const publishSnapshot = (cluster: string, snapshot: TClusterSnapshot): void => {
  const io = getIo();
  if (io && anyoneIn(io, roomOf(cluster))) io.to(roomOf(cluster)).emit('cluster:state', snapshot);
  // No overview open: no summary to work out (and no flush timer per poll).
  // What was last sent is forgotten, so a page that subscribes later (sent
  // the saved state) gets this cluster's next summary in full.
  if (io && anyoneIn(io, FLEET_ROOM)) queueFleetSummary(io, snapshot);
  else forgetFleetCluster(cluster);
};
export const publishEvent = (cluster: string, event: TClusterEvent): void => void getIo()?.to(roomOf(cluster)).emit('cluster:event', { ...event, cluster });
export const publishLog = (cluster: string, lines: TLogLine[]): void => {
  const io = getIo();
  if (io && anyoneIn(io, roomOf(cluster))) io.to(roomOf(cluster)).emit('cluster:log', { cluster, lines });
};
export const publishAction = (cluster: string, run: TRunView): void => void getIo()?.to(roomOf(cluster)).emit('cluster:action', run);
export const publishActionLocally = (cluster: string, run: TRunView): void => void getIo()?.local.to(roomOf(cluster)).emit('cluster:action', run);
export const publishLag = (cluster: string, point: TLagPoint): void => {
  const io = getIo();
  if (io && anyoneIn(io, roomOf(cluster))) io.to(roomOf(cluster)).emit('cluster:lag', { ...point, cluster });
};
