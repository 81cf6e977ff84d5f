import { metrics, noteSeriesNode } from './registry';

// A node got a new SSH connection after having had one: the old one dropped
// (network, sshd restart, keepalive timeout) or was discarded after a stuck command.
export const countSshReconnect = ({ cluster, node }: { cluster: string; node: string }): void => {
  const m = metrics();
  noteSeriesNode(m, cluster, node);
  m.sshReconnects.inc({ cluster, node });
};
