import type { TDb } from '@/lib/db/client';
import { getCluster } from '@/lib/clusters/get-cluster';
import type { TServiceCommands } from '@/lib/actions/drill/service-commands';

// The inventory document without its secrets: fill in privateKey and password
// to import it elsewhere. The pinned host keys and the service commands go
// with it, so a re-import expects the same hosts and drills them the same way.
export type TExportedCluster = {
  name: string;
  vip: string;
  description?: string;
  virtualRouterId?: number;
  lagThresholdSeconds: number;
  switchoverCooldownSeconds: number;
  heartbeat: boolean;
  probe?: { user: string };
  nodes: { name: string; host: string; ssh: { port: number; user: string; hostKeyFingerprint?: string }; mysql: { port: number; user: string }; services?: TServiceCommands }[];
};

export const exportCluster = async ({ db, name }: { db: TDb; name: string }): Promise<TExportedCluster> => {
  const c = await getCluster({ db, name });
  return {
    name: c.name,
    vip: c.vip,
    ...(c.description !== null && { description: c.description }),
    ...(c.virtualRouterId !== null && { virtualRouterId: c.virtualRouterId }),
    lagThresholdSeconds: c.lagThresholdSeconds,
    switchoverCooldownSeconds: c.switchoverCooldownSeconds,
    heartbeat: c.heartbeat,
    ...(c.probe !== null && { probe: { user: c.probe.user } }),
    nodes: c.nodes.map((n) => ({
      name: n.name,
      host: n.host,
      ssh: { port: n.ssh.port, user: n.ssh.user, ...(n.ssh.hostKeyFingerprint !== null && { hostKeyFingerprint: n.ssh.hostKeyFingerprint }) },
      mysql: { port: n.mysql.port, user: n.mysql.user },
      ...(n.services !== null && { services: n.services }),
    })),
  };
};
