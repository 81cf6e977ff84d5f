'use client';
import { useEffect, useState } from 'react';

// False during the server render and hydration: what depends on the browser's
// clock or time zone waits for it, so hydration never sees two versions.
export const useMounted = (): boolean => {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
};
