'use client';
import { io, type Socket } from 'socket.io-client';

// One Socket.IO connection per page, shared by every realtime hook (the
// connection indicator, cluster subscriptions): never one per component.
let socket: Socket | undefined;

export const getSocket = (): Socket => {
  // A dashboard should come back quickly after a blip: retry within 0.5–3 s,
  // and give up on a connection attempt that hangs after 5 s (default 20 s).
  socket ??= io({ transports: ['websocket', 'polling'], reconnectionDelay: 500, reconnectionDelayMax: 3000, timeout: 5000 });
  return socket;
};
