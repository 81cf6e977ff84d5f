import { checkScriptRules } from './check-script-rules';
import { configRules } from './config-rules';
import { failoverRules } from './failover-rules';
import { heartbeatRules } from './heartbeat-rules';
import { keepalivedRules } from './keepalived-rules';
import { reachabilityRules } from './reachability-rules';
import { replicationRules } from './replication-rules';
import type { TClusterView, TFinding, TSeverity } from './types';
import { vipRules } from './vip-rules';

const RANK: Record<TSeverity, number> = { critical: 0, warning: 1, info: 2 };

// All findings for a cluster, most severe first; stable within a severity.
export const evaluateHealth = (view: TClusterView): TFinding[] =>
  [...reachabilityRules(view), ...vipRules(view), ...replicationRules(view), ...keepalivedRules(view), ...failoverRules(view), ...checkScriptRules(view), ...configRules(view), ...heartbeatRules(view)]
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);

export const findingKey = (f: TFinding): string => `${f.code}@${f.node ?? '*'}`;
