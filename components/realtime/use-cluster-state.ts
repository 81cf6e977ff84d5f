'use client';
import { useState } from 'react';
import { replacesObservation } from '@/lib/cluster-state/observation-order';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { useClusterSubscription } from '@/components/realtime/use-cluster-subscription';
import { useSocketEvent } from '@/components/realtime/use-socket-event';

// A cluster's state: the server-rendered snapshot, then every `cluster:state`
// pushed for it. Re-subscribes on each (re)connect, so after a network blip
// the page catches up without a reload. A state observed before the one shown
// is late and is dropped (observation-order.ts).
export const useClusterState = (cluster: string, initial: TClusterSnapshot | null): TClusterSnapshot | null => {
  const [state, setState] = useState(initial);
  useClusterSubscription(cluster);
  useSocketEvent<TClusterSnapshot>('cluster:state', (s) => {
    if (s.cluster === cluster) setState((shown) => (replacesObservation(shown?.observedAt, s.observedAt) ? s : shown));
  });
  return state;
};
