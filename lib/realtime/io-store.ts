import type { Server } from 'socket.io';

// The process's Socket.IO server, on globalThis (the custom server and
// Next's route bundles share it), and the rooms that name who a socket acts
// for. No runtime import: code that only needs to know whether there is a
// server to tell (the CLI revoking a token) does not load socket.io or redis.
const store = globalThis as typeof globalThis & { __tandemIo?: Server };

export const getIo = (): Server | undefined => store.__tandemIo;
export const setIo = (io: Server): void => {
  store.__tandemIo = io;
};

export type TCredential = { kind: string; name: string; sessionId: string | null };
export const holderRooms = (c: TCredential): string[] => [c.kind === 'user' ? `holder:user:${c.name}` : `holder:token:${c.name}`, ...(c.sessionId ? [`holder:session:${c.sessionId}`] : [])];
