import type { TClusterView, TFinding } from './types';

// Who holds the VIP is the first thing a DBA wants to know; none or several
// holders is an outage or a split brain.
export const vipRules = (view: TClusterView): TFinding[] => {
  const reachable = view.nodes.filter((n) => n.reachable);
  if (reachable.length === 0) return [];
  const holders = view.nodes.filter((n) => n.holdsVip);
  const findings: TFinding[] = [];
  if (holders.length === 0) {
    findings.push({
      code: 'vip-unassigned',
      severity: 'critical',
      message: `No reachable node holds the VIP ${view.vip}${reachable.length < view.nodes.length ? ' (some nodes are unreachable)' : ''}.`,
      advice: 'Applications cannot connect. Check keepalived on every node (is it running, is its health check passing, do the nodes see each other\'s adverts?) and its log for FAULT transitions.',
    });
  }
  if (holders.length > 1) {
    findings.push({
      code: 'split-brain',
      severity: 'critical',
      message: `Split brain: the VIP ${view.vip} is on ${holders.map((h) => h.name).join(' and ')} at the same time.`,
      advice: 'Both masters may be taking writes for the same address. Cut one off now (stop keepalived on the node that should not serve), then find why VRRP adverts are not getting through (network partition, firewall dropping protocol 112, mismatched virtual_router_id or auth) and check the data for divergence before rejoining.',
    });
  }
  if (holders.length === 1) {
    for (const n of view.nodes) {
      if (n.holdsVip || !n.mysqlReachable || n.replication === null) continue;
      if (n.variables.read_only === 'OFF') {
        findings.push({
          code: 'passive-writable',
          severity: 'warning',
          node: n.name,
          message: `${n.name} does not hold the VIP but is writable (read_only=OFF): both masters accept writes.`,
          advice: `SET GLOBAL read_only=ON (and super_read_only where available) on ${n.name}, and let the failover (keepalived notify script or Tandem's switchover) turn it off on the new holder. Writes that bypass the VIP land on the passive node and collide.`,
        });
      }
    }
  }
  for (const n of view.nodes) {
    if (n.passiveWrites > 0 && !n.holdsVip) {
      findings.push({
        code: 'writes-on-passive',
        severity: 'warning',
        node: n.name,
        message: `New transactions originated on ${n.name}, which does not hold the VIP.`,
        advice: `Something writes to ${n.name} directly instead of through the VIP (a cron job, a misconfigured application, a DBA session). Find it in ${n.name}'s binlog (mysqlbinlog, filter on server_id ${n.variables.server_id ?? '?'}), point it at the VIP, and set read_only=ON on the passive node.`,
      });
    }
  }
  return findings;
};
