'use client';
import { useEffect, useState } from 'react';
import { seedServerClock, serverNow } from '@/components/realtime/socket';

// The current time on the server's clock, ticking: for "observed 3 s ago"
// labels and time windows drawn against server timestamps.
// renderedAt: when the server rendered the page, the clock's estimate until
// the socket's hello gives the server's own.
export const useNow = (everyMs = 1000, renderedAt?: number): number => {
  const [now, setNow] = useState(() => {
    if (renderedAt !== undefined) seedServerClock(renderedAt);
    return serverNow();
  });
  useEffect(() => {
    const t = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
};
