'use client';
import { useEffect, useState } from 'react';
import { getServerVersion, getSocket } from '@/components/realtime/socket';
import type { TConnectionState } from '@/lib/cluster-state/freshness';

export type TConnection = TConnectionState;

// The page's connection state: live after the server's `hello`.
export const useRealtime = (): { connection: TConnection; serverVersion: string | null } => {
  const [connection, setConnection] = useState<TConnection>('connecting');
  const [serverVersion, setServerVersion] = useState<string | null>(null);
  useEffect(() => {
    const socket = getSocket();
    // Registered after getSocket's own hello listener, so the version and the
    // clock offset are already recorded when this runs.
    const onHello = () => {
      setServerVersion(getServerVersion());
      setConnection('live');
    };
    const onDisconnect = () => setConnection('reconnecting');
    socket.on('hello', onHello);
    socket.on('disconnect', onDisconnect);
    if (socket.connected) onHello();
    return () => {
      socket.off('hello', onHello);
      socket.off('disconnect', onDisconnect);
    };
  }, []);
  return { connection, serverVersion };
};
