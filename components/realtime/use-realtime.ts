'use client';
import { useEffect, useState } from 'react';
import { getSocket } from '@/components/realtime/socket';

export type TConnection = 'connecting' | 'live' | 'reconnecting';

export type TRealtime = {
  connection: TConnection;
  serverVersion: string | null;
  // Server clock minus this browser's, from the server's `hello`: ages of
  // observations are measured on the server's clock, not a skewed laptop's.
  clockOffsetMs: number;
};

// The page's connection state: live after the server's `hello`.
export const useRealtime = (): TRealtime => {
  const [connection, setConnection] = useState<TConnection>('connecting');
  const [serverVersion, setServerVersion] = useState<string | null>(null);
  const [clockOffsetMs, setClockOffsetMs] = useState(0);
  useEffect(() => {
    const socket = getSocket();
    const onHello = (hello: { version?: unknown; time?: unknown }) => {
      setServerVersion(typeof hello.version === 'string' ? hello.version : null);
      const serverTime = typeof hello.time === 'string' ? Date.parse(hello.time) : NaN;
      if (Number.isFinite(serverTime)) setClockOffsetMs(serverTime - Date.now());
      setConnection('live');
    };
    const onDisconnect = () => setConnection('reconnecting');
    socket.on('hello', onHello);
    socket.on('disconnect', onDisconnect);
    if (socket.connected) setConnection('live');
    return () => {
      socket.off('hello', onHello);
      socket.off('disconnect', onDisconnect);
    };
  }, []);
  return { connection, serverVersion, clockOffsetMs };
};
