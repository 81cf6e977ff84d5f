import { trackedChecks } from './tracked-checks';
import type { TClusterView, TFinding, TNodeView } from './types';
import { instanceFor } from './vip-instance';

// A VIP check must pass on the passive node, which is read_only=ON by design.
// One that writes, or wants read_only OFF, fails there: with weight 0 it holds
// the passive in FAULT, so there is nobody to fail over to.

const WRITES = /\b(?:insert\s+(?:ignore\s+)?into|replace\s+into|update\s+\S+\s+set|delete\s+from|create\s+(?:temporary\s+)?(?:table|database|schema)|drop\s+(?:table|database)|truncate\s+)/i;
const READ_ONLY = /read_only/i;

const excerpt = (s: string): string => (s.length > 100 ? `${s.slice(0, 99)}…` : s);

const ALIVE_CHECK_ADVICE = 'A VIP check should only ask whether mysqld is alive and answering (mysqladmin ping, or mysql -e "SELECT 1" with a short --connect-timeout), never whether it accepts writes. Turning read_only off belongs to the failover itself (notify_master, or Tandem\'s switchover), after the node has taken the VIP.';

// Only an inline command can be read: keepalived.conf names a script file
// otherwise, and the collector does not fetch its body.
const inlineChecks = (view: TClusterView, n: TNodeView): TFinding[] => {
  const k = n.keepalived;
  const inst = instanceFor(n, view.vip);
  if (!k || !inst) return [];
  return trackedChecks(k, inst).flatMap((c): TFinding[] => {
    if (c.script === null || c.droppedBySyncGroup !== null) return [];
    const what = WRITES.test(c.script) ? 'writes to MySQL' : READ_ONLY.test(c.script) ? 'tests read_only' : null;
    if (!what) return [];
    return [{
      code: 'check-tests-writability',
      severity: 'warning',
      node: n.name,
      message: `${n.name}'s check ${c.name} ${what} (\`${excerpt(c.script)}\`): it fails on a read-only node, so on the passive node it fails all the time${c.weight === 0 ? ' and keepalived holds that node in FAULT, unable to take the VIP when its peer fails' : ` and keepalived lowers that node's priority by ${Math.abs(c.weight)}`}.`,
      advice: ALIVE_CHECK_ADVICE,
    }];
  });
};

// What the config cannot show, the node's behaviour can: MySQL answers, the
// node is read-only, and its check fails hard enough for FAULT.
const failsOnReadOnly = (n: TNodeView): TFinding[] => {
  const k = n.keepalived;
  const readOnly = n.variables.read_only === 'ON' || n.variables.read_only === '1';
  if (!k?.running || k.state !== 'FAULT' || k.lastCheck?.result !== 'failed' || !n.mysqlReachable || !readOnly) return [];
  return [{
    code: 'check-fails-on-read-only',
    severity: 'warning',
    node: n.name,
    message: `keepalived on ${n.name} is in FAULT because its check ${k.lastCheck.script} fails, yet MySQL answers there and is read_only=ON: the health check fails on a read-only node, so it probably tests writability.`,
    advice: `Run ${k.lastCheck.script} by hand on ${n.name}: if it writes (INSERT, UPDATE, CREATE…) or fails when @@read_only is 1, it will fail on every passive node and ${n.name} cannot take the VIP if its peer fails. ${ALIVE_CHECK_ADVICE}`,
  }];
};

export const checkScriptRules = (view: TClusterView): TFinding[] =>
  view.nodes.filter((n) => n.reachable).flatMap((n) => [...inlineChecks(view, n), ...failsOnReadOnly(n)]);
