'use client';
import { useEffect } from 'react';
import { getSocket, subscribeCluster } from '@/components/realtime/socket';

// Joins the cluster's room on each (re)connect and leaves it on unmount:
// every push for the cluster (state, lag, actions…) then reaches the page.
// One per page and cluster: leaving is per socket, not per hook.
export const useClusterSubscription = (cluster: string): void => {
  useEffect(() => {
    const socket = getSocket();
    const subscribe = () => subscribeCluster(cluster);
    socket.on('connect', subscribe);
    if (socket.connected) subscribe();
    return () => {
      socket.off('connect', subscribe);
      socket.emit('unsubscribe', { cluster });
    };
  }, [cluster]);
};
