'use client';
import { useEffect, useState } from 'react';
import { getSocket } from '@/components/realtime/socket';
import { ZFleetBatchSchema, type TFleetSummary } from '@/lib/cluster-state/fleet-summary';
import { applyFleetBatch } from '@/components/clusters/fleet-view';

// Every cluster's summary: the server-rendered list, then the fleet stream's
// batches. One room and one listener for the whole fleet (not one per card),
// and the map is replaced entry by entry, so the page's memory stays the
// size of the fleet however long it is left open.
export const useFleetSummaries = (initial: TFleetSummary[]): ReadonlyMap<string, TFleetSummary> => {
  const [summaries, setSummaries] = useState<ReadonlyMap<string, TFleetSummary>>(() => new Map(initial.map((s) => [s.cluster, s])));
  useEffect(() => {
    const socket = getSocket();
    // Each (re)connect brings the whole list again: nothing missed in a blip.
    const subscribe = () => socket.emit('subscribe-fleet', {});
    const onBatch = (payload: unknown) => {
      const batch = ZFleetBatchSchema.safeParse(payload);
      if (batch.success) setSummaries((current) => applyFleetBatch(current, batch.data));
    };
    socket.on('fleet:summaries', onBatch);
    socket.on('connect', subscribe);
    if (socket.connected) subscribe();
    return () => {
      socket.off('fleet:summaries', onBatch);
      socket.off('connect', subscribe);
      socket.emit('unsubscribe-fleet', {});
    };
  }, []);
  return summaries;
};
