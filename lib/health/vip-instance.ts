import type { TNodeView, TVrrpInstanceView } from './types';

export const stripPrefix = (a: string): string => a.split('/')[0] ?? a;

// The VRRP instance that carries this cluster's VIP (or the only one).
export const instanceFor = (n: TNodeView, vip: string): TVrrpInstanceView | undefined => {
  const instances = n.keepalived?.instances ?? [];
  return instances.find((i) => i.virtualIpAddresses.some((a) => stripPrefix(a) === vip)) ?? (instances.length === 1 ? instances[0] : undefined);
};

// keepalived clears nopreempt on an instance with state MASTER ("nopreempt
// will not work with initial state MASTER") or priority 255 (the address
// owner); any other state, unset included, starts as BACKUP and keeps it.
export const isNopreemptCleared = (inst: TVrrpInstanceView): boolean => inst.nopreempt && (inst.state === 'MASTER' || inst.priority === 255);

// Whether the instance takes the VIP back whenever it outranks the holder.
export const isPreempting = (inst: TVrrpInstanceView): boolean => !inst.nopreempt || isNopreemptCleared(inst);
