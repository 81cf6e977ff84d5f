import { parseKeepalivedConf } from '@/lib/parsers/keepalived-conf';
import type { TNodeView } from '@/lib/health/types';

// A reachable node whose keepalived runs the given keepalived.conf text, as
// the collector would hand it to the health rules.
export const nodeWithConf = (name: string, confText: string, over: Partial<TNodeView> = {}): TNodeView => {
  const conf = parseKeepalivedConf(confText);
  return {
    name,
    host: name,
    reachable: true,
    unreachableReason: null,
    error: null,
    holdsVip: false,
    mysqlReachable: true,
    mysqlError: null,
    variables: {},
    replication: null,
    heartbeatLagSeconds: null,
    keepalived: { running: true, state: null, lastCheck: null, instances: conf.instances, scripts: conf.scripts, syncGroups: conf.syncGroups },
    passiveWrites: 0,
    ...over,
  };
};
