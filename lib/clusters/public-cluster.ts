import type { TTx } from '@/lib/db/client';
import { parseStoredServiceCommands, type TServiceCommands } from '@/lib/actions/drill/service-commands';

// What leaves the server about a cluster. Built field by field from rows that
// never carry the encrypted columns (Prisma omit), so a secret cannot slip in.
export type TPublicNode = {
  name: string;
  host: string;
  ssh: { port: number; user: string; hostKeyFingerprint: string | null };
  mysql: { port: number; user: string };
  // The stored overrides (not secret: shown to every reader and exported);
  // null when the systemd defaults apply.
  services: TServiceCommands | null;
};

export type TPublicCluster = {
  name: string;
  vip: string;
  description: string | null;
  virtualRouterId: number | null;
  lagThresholdSeconds: number;
  switchoverCooldownSeconds: number;
  heartbeat: boolean;
  probe: { user: string } | null;
  nodes: TPublicNode[];
  createdAt: string;
  updatedAt: string;
};

export const CLUSTER_WITH_NODES = { include: { nodes: { orderBy: { name: 'asc' as const } } } };

type TClusterRow = NonNullable<Awaited<ReturnType<TTx['cluster']['findFirst']>>>;
type TNodeRow = NonNullable<Awaited<ReturnType<TTx['node']['findFirst']>>>;

export const toPublicNode = (n: TNodeRow): TPublicNode => ({
  name: n.name,
  host: n.host,
  ssh: { port: n.sshPort, user: n.sshUser, hostKeyFingerprint: n.sshHostKeyFingerprint || null },
  mysql: { port: n.mysqlPort, user: n.mysqlUser },
  services: parseStoredServiceCommands(n.serviceCommands),
});

export const toPublicCluster = (c: TClusterRow & { nodes: TNodeRow[] }): TPublicCluster => ({
  name: c.name,
  vip: c.vip,
  description: c.description,
  virtualRouterId: c.virtualRouterId,
  lagThresholdSeconds: c.lagThresholdSeconds,
  switchoverCooldownSeconds: c.switchoverCooldownSeconds,
  heartbeat: c.heartbeat,
  probe: c.probeUser === null ? null : { user: c.probeUser },
  nodes: c.nodes.map(toPublicNode),
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
