'use client';
import { useEffect, useState } from 'react';
import type { TClusterSnapshot } from '@/lib/collector/snapshot';
import { getSocket, subscribeCluster } from '@/components/realtime/socket';

// A cluster's state: the server-rendered snapshot, then every `cluster:state`
// pushed for it. Re-subscribes on each (re)connect, so after a network blip
// the page catches up without a reload.
export const useClusterState = (cluster: string, initial: TClusterSnapshot | null): TClusterSnapshot | null => {
  const [state, setState] = useState(initial);
  useEffect(() => {
    const socket = getSocket();
    const subscribe = () => subscribeCluster(cluster);
    const onState = (s: TClusterSnapshot) => {
      if (s.cluster === cluster) setState(s);
    };
    socket.on('cluster:state', onState);
    socket.on('connect', subscribe);
    if (socket.connected) subscribe();
    return () => {
      socket.off('cluster:state', onState);
      socket.off('connect', subscribe);
      socket.emit('unsubscribe', { cluster });
    };
  }, [cluster]);
  return state;
};
