import type { TClusterView, TFinding, TNodeView } from './types';
import { instanceFor, isNopreemptCleared, stripPrefix } from './vip-instance';

const perNode = (view: TClusterView, n: TNodeView, othersRun: boolean): TFinding[] => {
  const k = n.keepalived;
  if (!k) return [];
  const findings: TFinding[] = [];
  if (!k.running) {
    findings.push({ code: 'keepalived-down', severity: othersRun ? 'warning' : 'critical', node: n.name, message: `keepalived is not running on ${n.name}.`, advice: `${n.name} cannot take the VIP if its peer fails${othersRun ? '' : ', and no node runs keepalived: nothing manages the VIP'}. Start keepalived (systemctl start keepalived) and read its log for why it stopped; the classic chk_mysql.sh stops keepalived itself when mysqld is down.` });
  }
  if (k.running && k.lastCheck?.result === 'failed') {
    findings.push({ code: 'health-check-failing', severity: n.holdsVip ? 'critical' : 'warning', node: n.name, message: `keepalived's health check ${k.lastCheck.script} fails on ${n.name}${n.holdsVip ? ' while it holds the VIP' : ''}.`, advice: 'The check decides where the VIP goes. Run the script by hand on the node to see why it fails (mysqld down, credentials, timeout); until it passes, this node will not (or should not) serve the VIP.' });
  }
  const inst = instanceFor(n, view.vip);
  if (inst && isNopreemptCleared(inst)) {
    findings.push({ code: 'nopreempt-ignored', severity: 'warning', node: n.name, message: `${n.name} sets nopreempt with ${inst.state === 'MASTER' ? 'state MASTER' : 'priority 255'}; keepalived clears nopreempt then ("nopreempt will not work with initial state MASTER").`, advice: 'Use state BACKUP on both nodes with nopreempt and let priority pick the first holder; otherwise the VIP moves back (preempts) whenever this node recovers.' });
  }
  if (inst && !inst.virtualIpAddresses.some((a) => stripPrefix(a) === view.vip)) {
    findings.push({ code: 'vip-not-in-config', severity: 'warning', node: n.name, message: `${n.name}'s keepalived instance ${inst.name} does not manage the inventory VIP ${view.vip} (it has ${inst.virtualIpAddresses.join(', ') || 'none'}).`, advice: 'Fix either the inventory or virtual_ipaddress in keepalived.conf so they agree.' });
  }
  if (inst && view.virtualRouterId !== null && inst.virtualRouterId !== null && inst.virtualRouterId !== view.virtualRouterId) {
    findings.push({ code: 'vrid-inventory-mismatch', severity: 'warning', node: n.name, message: `${n.name} uses virtual_router_id ${inst.virtualRouterId}, the inventory says ${view.virtualRouterId}.`, advice: 'Make the inventory match the real virtual_router_id (or fix keepalived.conf).' });
  }
  return findings;
};

const acrossNodes = (view: TClusterView): TFinding[] => {
  const withInst = view.nodes.flatMap((n) => {
    const inst = n.keepalived ? instanceFor(n, view.vip) : undefined;
    return inst ? [{ node: n, inst }] : [];
  });
  if (withInst.length < 2) return [];
  const findings: TFinding[] = [];
  const vrids = new Set(withInst.map((x) => x.inst.virtualRouterId));
  if (vrids.size > 1) {
    findings.push({ code: 'vrid-differs', severity: 'critical', message: `The nodes' keepalived configs use different virtual_router_id values (${withInst.map((x) => `${x.node.name}: ${x.inst.virtualRouterId}`).join(', ')}).`, advice: 'Nodes with different virtual_router_ids are separate VRRP groups: each elects itself MASTER and both take the VIP. Use the same virtual_router_id on every node of the pair.' });
  }
  const vipSets = new Set(withInst.map((x) => x.inst.virtualIpAddresses.map(stripPrefix).sort().join(',')));
  if (vipSets.size > 1) {
    findings.push({ code: 'vip-config-differs', severity: 'critical', message: `The nodes' keepalived configs declare different virtual IPs (${withInst.map((x) => `${x.node.name}: ${x.inst.virtualIpAddresses.join(' ')}`).join('; ')}).`, advice: 'Declare the same virtual_ipaddress block on every node, or a failover brings up a different address.' });
  }
  const priorities = withInst.map((x) => x.inst.priority).filter((p): p is number => p !== null);
  if (priorities.length === withInst.length && new Set(priorities).size < priorities.length) {
    findings.push({ code: 'equal-priorities', severity: 'warning', message: `Nodes share a keepalived priority (${withInst.map((x) => `${x.node.name}: ${x.inst.priority}`).join(', ')}).`, advice: 'With equal priorities the election falls back to the highest IP address, which is rarely what you intend. Give the preferred master a higher priority (e.g. 101 vs 99) and make the check weight larger than the gap.' });
  }
  return findings;
};

export const keepalivedRules = (view: TClusterView): TFinding[] => {
  const running = view.nodes.filter((n) => n.keepalived?.running).length;
  return [...view.nodes.filter((n) => n.reachable).flatMap((n) => perNode(view, n, running > 0)), ...acrossNodes(view)];
};
