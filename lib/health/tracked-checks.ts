import type { TKeepalivedView, TVrrpInstanceView } from './types';

// A check as keepalived runs it for one instance. weight 0: a failure puts
// the instance in FAULT (it releases the VIP); otherwise it only moves the
// priority by the weight. droppedBySyncGroup: the sync group whose instances
// keepalived strips of weighted checks ("ignoring tracked script with weights
// due to SYNC group"); such a check never affects the instance.
export type TTrackedCheck = { name: string; script: string | null; weight: number; droppedBySyncGroup: string | null };

export const trackedChecks = (k: TKeepalivedView, inst: TVrrpInstanceView): TTrackedCheck[] => {
  const group = k.syncGroups.find((g) => g.instances.includes(inst.name) && !g.hasTrackingWeight);
  // A track_script naming no vrrp_script is ignored by keepalived too.
  return inst.trackScripts.flatMap((t) => {
    const defined = k.scripts.find((s) => s.name === t.name);
    if (!defined) return [];
    const weight = t.weight ?? defined.weight ?? 0;
    return [{ name: t.name, script: defined.script, weight, droppedBySyncGroup: weight !== 0 && group ? group.name : null }];
  });
};
