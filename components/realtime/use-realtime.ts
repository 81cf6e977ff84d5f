'use client';
import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';

export type TConnection = 'connecting' | 'live' | 'reconnecting';

// The page's one realtime connection. Later issues add cluster subscriptions;
// for now it proves the path: the server greets every socket with `hello`.
export const useRealtime = (): { connection: TConnection; serverVersion: string | null } => {
  const [connection, setConnection] = useState<TConnection>('connecting');
  const [serverVersion, setServerVersion] = useState<string | null>(null);
  useEffect(() => {
    const socket = io({ transports: ['websocket', 'polling'] });
    socket.on('hello', (hello: { version?: unknown }) => {
      setServerVersion(typeof hello.version === 'string' ? hello.version : null);
      setConnection('live');
    });
    socket.on('disconnect', () => setConnection('reconnecting'));
    return () => {
      socket.close();
    };
  }, []);
  return { connection, serverVersion };
};
