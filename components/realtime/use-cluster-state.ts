'use client';
import { useState } from 'react';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { useClusterSubscription } from '@/components/realtime/use-cluster-subscription';
import { useSocketEvent } from '@/components/realtime/use-socket-event';

// A cluster's state: the server-rendered snapshot, then every `cluster:state`
// pushed for it. Re-subscribes on each (re)connect, so after a network blip
// the page catches up without a reload.
export const useClusterState = (cluster: string, initial: TClusterSnapshot | null): TClusterSnapshot | null => {
  const [state, setState] = useState(initial);
  useClusterSubscription(cluster);
  useSocketEvent<TClusterSnapshot>('cluster:state', (s) => {
    if (s.cluster === cluster) setState(s);
  });
  return state;
};
