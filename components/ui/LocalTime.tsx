'use client';
import { useMounted } from '@/components/realtime/use-mounted';

// A time in the reader's own zone; the server renders it in UTC first.
export const LocalTime = ({ iso, className }: { iso: string; className?: string }) => {
  const mounted = useMounted();
  const d = new Date(iso);
  return <time dateTime={iso} className={className}>{mounted ? d.toLocaleTimeString() : `${d.toISOString().slice(11, 19)} UTC`}</time>;
};
