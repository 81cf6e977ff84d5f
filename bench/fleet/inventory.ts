// The fleet as a Tandem inventory: one cluster per simulated pair, created
// with Tandem's own operation (the same one the API and `tandem import` use).
// Host keys are pre-pinned from the simulator's keys, as an operator who
// knows the fingerprints would import them: every connection is verified,
// and the collector does not write a thousand pins at start. No probe
// credential and heartbeat off: nothing connects to a VIP.
import { createCluster } from '../../lib/clusters/create-cluster';
import { ZClusterDocumentSchema } from '../../lib/clusters/schema';
import type { TDb } from '../../lib/db/client';
import type { TFleetPair } from './simulator';

export const fleetClusterDocument = (options: { pair: TFleetPair; sshPort: number; privateKey: string }) =>
  ZClusterDocumentSchema.parse({
    name: options.pair.cluster,
    vip: options.pair.vip,
    description: `Simulated pair ${options.pair.index} (bench/fleet)`,
    virtualRouterId: 51,
    heartbeat: false,
    nodes: options.pair.nodes.map((n) => ({
      name: n.name,
      host: n.host,
      ssh: { port: options.sshPort, user: 'root', privateKey: options.privateKey, hostKeyFingerprint: n.fingerprint },
      mysql: { port: 3306, user: 'tandem', password: 'simulated' },
    })),
  });

export const createFleetInventory = async (options: { db: TDb; pairs: readonly TFleetPair[]; sshPort: number; privateKey: string }): Promise<void> => {
  for (const pair of options.pairs) await createCluster({ db: options.db, doc: fleetClusterDocument({ pair, sshPort: options.sshPort, privateKey: options.privateKey }) });
};
