import { getEnv } from '@/lib/env';
import { getIo, holderRooms } from './io-store';

export type TRealtimeHolder = { user: string } | { token: string } | { sessionIds: string[] };

// Ends the live Socket.IO connections of a principal whose access just ended
// (signed out, disabled, removed, password reset, token revoked): a socket
// authenticated once must not keep receiving a cluster's state afterwards.
export const endRealtimeFor = (who: TRealtimeHolder): number => {
  const io = getIo();
  if (!io) return 0;
  let ended = 0;
  for (const socket of io.sockets.sockets.values()) {
    const held: unknown = socket.data.credential;
    if (typeof held !== 'object' || held === null) continue;
    const kind = Reflect.get(held, 'kind');
    const name = Reflect.get(held, 'name');
    const sessionId = Reflect.get(held, 'sessionId');
    const matches =
      ('user' in who && kind === 'user' && name === who.user) ||
      ('token' in who && kind === 'token' && name === who.token) ||
      ('sessionIds' in who && typeof sessionId === 'string' && who.sessionIds.includes(sessionId));
    if (!matches) continue;
    socket.disconnect(true);
    ended += 1;
  }
  // The same principal's sockets on the other servers (the count is this
  // one's). Whether Redis is configured, read without loading its client.
  const rooms = 'user' in who ? holderRooms({ kind: 'user', name: who.user, sessionId: null }) : 'token' in who ? holderRooms({ kind: 'token', name: who.token, sessionId: null }) : who.sessionIds.map((id) => `holder:session:${id}`);
  if (getEnv().TANDEM_REDIS_URL && rooms.length > 0) io.in(rooms).disconnectSockets(true);
  return ended;
};
