'use client';
import { useEffect, useRef } from 'react';
import { getSocket } from '@/components/realtime/socket';

// Listens to one Socket.IO event on the page's shared connection. The latest
// handler is always called, without re-registering on every render.
export const useSocketEvent = <T,>(event: string, handler: (payload: T) => void): void => {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const socket = getSocket();
    const listener = (payload: T) => ref.current(payload);
    socket.on(event, listener);
    return () => void socket.off(event, listener);
  }, [event]);
};

// Runs after every reconnect (not the first connect): the moment to fetch what
// was pushed while the page was cut off.
export const useOnReconnect = (handler: () => void): void => {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const socket = getSocket();
    let wasConnected = socket.connected;
    const onConnect = () => {
      if (wasConnected) ref.current();
      wasConnected = true;
    };
    socket.on('connect', onConnect);
    return () => void socket.off('connect', onConnect);
  }, []);
};
