import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { logger } from '@/lib/log';

export type THello = { server: 'tandem'; version: string; time: string };

// One Socket.IO server per process, kept on globalThis so Next's bundles and
// the custom server see the same instance (later: the collector emits here).
const store = globalThis as typeof globalThis & { __tandemIo?: Server };

export const getIo = (): Server | undefined => store.__tandemIo;

export const attachRealtime = (httpServer: HttpServer, version: string): Server => {
  const io = new Server(httpServer, { serveClient: false, cors: { origin: false } });
  io.on('connection', (socket) => {
    const hello: THello = { server: 'tandem', version, time: new Date().toISOString() };
    socket.emit('hello', hello);
    logger.debug('socket connected', { id: socket.id });
  });
  store.__tandemIo = io;
  return io;
};
