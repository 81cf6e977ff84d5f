'use client';
import { useEffect, useState } from 'react';
import { seedServerClock, serverNow } from '@/components/realtime/socket';

// The current time on the server's clock, ticking: for "observed 3 s ago"
// labels and time windows drawn against server timestamps.
// renderedAt: when the server rendered the page. The first value then, the
// same on the server and in hydration (so no mounted check is needed), and
// the clock's estimate until the socket's hello gives the server's own.
export const useNow = (everyMs = 1000, renderedAt?: number): number => {
  const [now, setNow] = useState(() => {
    if (renderedAt === undefined) return serverNow();
    seedServerClock(renderedAt);
    return renderedAt;
  });
  useEffect(() => {
    // Once mounted, the real time at once: a page from the router's cache
    // was rendered a while ago.
    if (renderedAt !== undefined) setNow(serverNow());
    const t = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(t);
  }, [everyMs, renderedAt]);
  return now;
};
