'use client';
import { useEffect, useRef } from 'react';
import { getSocket, onJoined } from '@/components/realtime/socket';

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

// Runs each time this page's subscription to the cluster is accepted (every
// connect, the first one included): the moment to fetch what was pushed while
// the page was not following (between the server render and the first
// subscription, or during a blip).
export const useOnJoined = (cluster: string, handler: () => void): void => {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => onJoined(cluster, () => ref.current()), [cluster]);
};
