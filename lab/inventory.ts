import { writeFileSync } from 'node:fs';
import { CLUSTER_NAME, labNodes, labPaths, MYSQL_PORT, nodeAddress, VIP, VRID, type TLabOptions } from './config';
import { clientPrivateKey, hostKeyFingerprint } from './sshd';
import type { TLabSecrets } from './replication';
import { serviceCommand } from './service';

// Tandem's inventory document for the lab (the format of POST /api/clusters).
export const buildInventory = (options: TLabOptions, secrets: TLabSecrets) => ({
  name: CLUSTER_NAME,
  vip: VIP,
  description: `Tandem lab: MariaDB dual-master + keepalived in network namespaces${options.seed ? ' (the seed guide\'s setup)' : ''}${options.gtid ? ' (GTID)' : ''}${options.fastFailover ? ' (fast failover, preempt)' : ''}${options.nopreempt ? ' (nopreempt)' : ''}`,
  virtualRouterId: VRID,
  // True lag on the dashboard: the lab grants the tandem user its heartbeat schema.
  heartbeat: true,
  // The application-like user Tandem's own writes go through.
  probe: { user: 'probe', password: secrets.probe },
  nodes: labNodes(options).map((name) => ({
    name,
    host: nodeAddress(name),
    ssh: { port: 22, user: 'root', privateKey: clientPrivateKey(), hostKeyFingerprint: hostKeyFingerprint(name) },
    mysql: { port: MYSQL_PORT, user: 'tandem', password: secrets.tandem },
    // The node's service.sh (lab/service.ts): a drill stops, starts and
    // isolates lab nodes through it, since they have no systemd units.
    services: {
      stopMysql: serviceCommand(name, 'stop-mysql'),
      killMysql: serviceCommand(name, 'kill-mysql'),
      startMysql: serviceCommand(name, 'start-mysql'),
      stopKeepalived: serviceCommand(name, 'stop-keepalived'),
      startKeepalived: serviceCommand(name, 'start-keepalived'),
      isolate: serviceCommand(name, 'isolate'),
      heal: serviceCommand(name, 'heal'),
    },
  })),
});

export const writeInventory = (options: TLabOptions, secrets: TLabSecrets): string => {
  const text = `${JSON.stringify(buildInventory(options, secrets), null, 2)}\n`;
  writeFileSync(labPaths.inventory, text, { mode: 0o600 });
  return text;
};
