import type { TClusterView, TFinding } from './types';

// ER_OPTION_PREVENTS_STATEMENT: "running with the --read-only option".
const READ_ONLY_ERRNO = 1290;
// A failover stops writes through the VIP for a few seconds; only a longer
// refusal is a finding.
const FAILING_FOR_MS = 5000;

// The start, not a running count: a message that changed every second made
// every poll of a failing cluster a change, pushed and saved.
const since = (at: number): string => `${new Date(at).toISOString().slice(11, 19)} UTC`;

export const heartbeatRules = (view: TClusterView): TFinding[] => {
  const hb = view.heartbeat;
  if (!hb) return [];
  switch (hb.status) {
    case 'off':
    case 'writing':
      return [];
    case 'no-probe-credential':
      return [{
        code: 'heartbeat-no-probe-credential',
        severity: 'info',
        message: 'The heartbeat is on but the cluster has no probe credential, so Tandem does not write it (true lag is not measured).',
        advice: 'Add a probe credential to the inventory (probe: {user, password}): an application-like MySQL user with INSERT, UPDATE, CREATE and SELECT on the `tandem` schema and without READ ONLY ADMIN or global ALL, so read_only refuses Tandem\'s writes as it refuses applications.',
      }];
    case 'failing':
      if (hb.failingMs < FAILING_FOR_MS) return [];
      if (hb.errno === READ_ONLY_ERRNO) {
        return [{
          code: 'vip-holder-read-only',
          severity: 'critical',
          message: `Writes through the VIP ${view.vip} are refused: the node holding it is read-only (the probe user's heartbeat has failed since ${since(hb.failingSince)}). Applications cannot write either.`,
          advice: 'Check the keepalived notify script that sets read_only on MASTER; if this node is the intended writer and its peer is read-only, run SET GLOBAL read_only=OFF on it.',
        }];
      }
      return [{
        code: 'heartbeat-failing',
        severity: 'warning',
        message: `Tandem's heartbeat write through the VIP ${view.vip} has failed since ${since(hb.failingSince)}: ${hb.error}`,
        advice: 'Check that the probe user exists on both nodes with INSERT, UPDATE, CREATE and SELECT on the `tandem` schema, and that the VIP answers on the MySQL port.',
      }];
  }
};
