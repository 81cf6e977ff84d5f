'use client';
import { io, type Socket } from 'socket.io-client';

// One Socket.IO connection per page, shared by every realtime hook (the
// connection indicator, cluster subscriptions): never one per component.
let socket: Socket | undefined;

export const getSocket = (): Socket => {
  socket ??= io({ transports: ['websocket', 'polling'] });
  return socket;
};
