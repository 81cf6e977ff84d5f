import { trackedChecks, type TTrackedCheck } from './tracked-checks';
import type { TClusterView, TFinding, TKeepalivedView, TNodeView, TVrrpInstanceView } from './types';
import { instanceFor, isPreempting } from './vip-instance';

// Whether keepalived would move the VIP the way the DBA expects, read from the
// configs: a failed check must release the VIP, and a node coming back must
// not take it before it has caught up.

const names = (checks: TTrackedCheck[]): string => checks.map((c) => c.name).join(', ');
const zeroWeights = (checks: TTrackedCheck[]): string => checks.map((c) => `\`${c.name} weight 0\``).join(', ');

const droppedChecks = (n: TNodeView, inst: TVrrpInstanceView, checks: TTrackedCheck[]): TFinding[] => {
  const dropped = checks.filter((c) => c.droppedBySyncGroup !== null);
  const group = dropped[0]?.droppedBySyncGroup;
  if (!group) return [];
  return [{
    code: 'check-ignored-in-sync-group',
    severity: 'warning',
    node: n.name,
    message: `${n.name}'s ${inst.name} is in vrrp_sync_group ${group} and tracks ${names(dropped)} with a non-zero weight: keepalived drops weighted checks from sync-group instances (it logs "ignoring tracked script with weights due to SYNC group"), so ${names(dropped)} is not even run for it and its failure never moves the VIP.`,
    advice: `Give ${names(dropped)} weight 0 (remove \`weight\` from the vrrp_script, or write ${zeroWeights(dropped)} under track_script): a failure then puts the sync group in FAULT and the VIP moves to the peer. On keepalived 2.x the script can also be tracked in the vrrp_sync_group block itself.`,
  }];
};

// A BACKUP with nopreempt accepts the adverts of a live MASTER whatever their
// priority, so lowering the MASTER's priority moves nothing: only FAULT
// (weight 0) or the MASTER's keepalived stopping hands the VIP over.
const weightedUnderNopreempt = (n: TNodeView, inst: TVrrpInstanceView, checks: TTrackedCheck[]): TFinding[] => {
  const weighted = checks.filter((c) => c.droppedBySyncGroup === null && c.weight !== 0);
  if (isPreempting(inst) || weighted.length === 0) return [];
  return [{
    code: 'nopreempt-weighted-check',
    severity: 'warning',
    node: n.name,
    message: `${n.name}'s ${inst.name} sets nopreempt and tracks ${weighted.map((c) => `${c.name} (weight ${c.weight})`).join(', ')}: a failed check only changes the priority, and a BACKUP with nopreempt never takes over from a MASTER that still advertises, even a lower one. When the check fails on the VIP holder keepalived does not fail over: the VIP stays on the failing node until its keepalived stops.`,
    advice: `Set the weight of ${names(weighted)} to 0 (remove \`weight\` from the vrrp_script, or write ${zeroWeights(weighted)} under track_script): a failed check then puts the instance in FAULT, which releases the VIP to the peer. Keep nopreempt, so the VIP does not come back on its own when the check passes again.`,
  }];
};

// The node with the higher priority takes the VIP back the moment it can.
const preemptsTooSoon = (view: TClusterView, n: TNodeView, inst: TVrrpInstanceView, checks: TTrackedCheck[]): TFinding[] => {
  const priority = inst.priority;
  if (!isPreempting(inst) || priority === null) return [];
  const outranked = view.nodes.flatMap((o) => {
    const p = o === n ? null : (instanceFor(o, view.vip)?.priority ?? null);
    return p !== null && p < priority ? [`${o.name} (${p})`] : [];
  });
  if (outranked.length === 0) return [];
  const active = checks.filter((c) => c.droppedBySyncGroup === null);
  const when = active.length > 0 ? `its check ${names(active)} passes again` : 'its keepalived runs again';
  return [{
    code: 'preempt-before-catch-up',
    severity: 'warning',
    node: n.name,
    message: `${n.name}'s ${inst.name} preempts (priority ${priority} over ${outranked.join(', ')}, no effective nopreempt): after a failover it takes the VIP back as soon as ${when}, before its replication has applied what its peer took in meanwhile.`,
    advice: `Writes then land on a node that lacks its peer's latest changes: reads miss them, and changes to the same rows collide (replication stops on error 1062/1032, or the data silently diverges). Set state BACKUP and nopreempt on every node, with check weight 0 so a failed check still moves the VIP (FAULT); then move the VIP back yourself, or with Tandem, once ${n.name} shows Seconds_Behind_Master 0.`,
  }];
};

const perNode = (view: TClusterView, n: TNodeView, k: TKeepalivedView): TFinding[] => {
  const inst = instanceFor(n, view.vip);
  if (!inst) return [];
  const checks = trackedChecks(k, inst);
  return [...droppedChecks(n, inst, checks), ...weightedUnderNopreempt(n, inst, checks), ...preemptsTooSoon(view, n, inst, checks)];
};

export const failoverRules = (view: TClusterView): TFinding[] =>
  view.nodes.flatMap((n) => (n.reachable && n.keepalived ? perNode(view, n, n.keepalived) : []));
