import { offeredHostKeyIn } from './host-key';
import type { TClusterView, TFinding } from './types';

export const reachabilityRules = (view: TClusterView): TFinding[] =>
  view.nodes.flatMap((n): TFinding[] => {
    if (!n.reachable && n.unreachableReason === 'host-key-mismatch') {
      const offered = offeredHostKeyIn(n.error);
      return [{
        code: 'ssh-host-key-mismatch',
        severity: 'critical',
        node: n.name,
        message: `The SSH host key of ${n.name} (${n.host}) is not the pinned one${offered ? `: it offers ${offered}` : ''}; Tandem refuses to connect and sends it no credential.`,
        advice: `Either the server was reinstalled or moved, or someone is intercepting the connection. Compare the offered key with the one on the server's console (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub). Only if they match, approve it: the Approve button here, tandem nodes approve-host-key ${view.cluster ?? 'CLUSTER'} ${n.name} ${offered ?? 'SHA256:…'}, or POST /api/clusters/${view.cluster ?? 'CLUSTER'}/nodes/${n.name}/host-key.`,
      }];
    }
    if (!n.reachable) {
      return [{
        code: 'node-unreachable',
        severity: 'critical',
        node: n.name,
        message: `${n.name} (${n.host}) is unreachable over SSH: ${n.error ?? 'no answer'}.`,
        advice: 'Check that the host is up and reachable from Tandem, that sshd runs, and that the key in the inventory is authorised for the SSH user. Tandem retries with backoff.',
      }];
    }
    if (!n.mysqlReachable) {
      return [{
        code: 'mysql-unreachable',
        severity: 'critical',
        node: n.name,
        message: `MySQL on ${n.name} does not answer: ${n.mysqlError ?? 'no answer'}.`,
        advice: 'If mysqld is down, start it and read its error log for the cause; if it is up, check the monitoring user, its password and its host grant (127.0.0.1).',
      }];
    }
    return [];
  });
