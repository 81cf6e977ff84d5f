'use client';
import { io, type Socket } from 'socket.io-client';
import { ZHelloSchema } from '@/lib/realtime/payloads';

// One Socket.IO connection per page, shared by every realtime hook (the
// connection indicator, cluster subscriptions): never one per component.
let socket: Socket | undefined;
let clockOffsetMs = 0;
let clockFromHello = false;
let serverVersion: string | null = null;

export const getSocket = (): Socket => {
  if (socket) return socket;
  // A dashboard should come back quickly after a blip: retry within 0.5–3 s,
  // and give up on a connection attempt that hangs after 5 s (default 20 s).
  socket = io({ transports: ['websocket', 'polling'], reconnectionDelay: 500, reconnectionDelayMax: 3000, timeout: 5000 });
  socket.on('hello', (payload: unknown) => {
    const hello = ZHelloSchema.safeParse(payload);
    if (!hello.success) return;
    serverVersion = hello.data.version;
    const serverTime = Date.parse(hello.data.time);
    if (Number.isFinite(serverTime)) {
      clockOffsetMs = serverTime - Date.now();
      clockFromHello = true;
    }
  });
  return socket;
};

// Now on the server's clock, from its `hello`: the ages of observations are
// measured against server timestamps, not against a skewed laptop clock.
export const serverNow = (): number => Date.now() + clockOffsetMs;

// Until the hello, a page the server rendered knows the server's clock from
// when it was rendered (late by the page's load, a second at most): better
// than a laptop clock that is minutes off, which drew every card stale.
export const seedServerClock = (renderedAtMs: number): void => {
  // On the server (rendering the page) there is nothing to estimate.
  if (typeof window === 'undefined' || clockFromHello) return;
  clockOffsetMs = renderedAtMs - Date.now();
};
export const getServerVersion = (): string | null => serverVersion;

// Who wants to know that this page's subscription to a cluster was accepted
// (the room joined): catch-up fetches run then, so nothing falls between what
// they return and what is pushed afterwards.
const joinedListeners = new Map<string, Set<() => void>>();

export const onJoined = (cluster: string, listener: () => void): (() => void) => {
  const set = joinedListeners.get(cluster) ?? new Set();
  set.add(listener);
  joinedListeners.set(cluster, set);
  return () => void set.delete(listener);
};

export const subscribeCluster = (cluster: string): void => {
  getSocket().emit('subscribe', { cluster }, (ack: unknown) => {
    if (typeof ack === 'object' && ack !== null && 'ok' in ack && ack.ok === true) joinedListeners.get(cluster)?.forEach((l) => l());
  });
};
