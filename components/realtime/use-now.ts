'use client';
import { useEffect, useState } from 'react';
import { serverNow } from '@/components/realtime/socket';

// The current time on the server's clock, ticking: for "observed 3 s ago"
// labels and time windows drawn against server timestamps.
export const useNow = (everyMs = 1000): number => {
  const [now, setNow] = useState(() => serverNow());
  useEffect(() => {
    const t = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
};
