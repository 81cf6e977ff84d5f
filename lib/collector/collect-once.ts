import { loadTargets, pinHostKey } from '@/agents/load-targets';
import { createSshPool } from '@/agents/ssh-pool';
import type { TDb } from '@/lib/db/client';
import { findClusterByName } from '@/lib/clusters/find-cluster-by-name';
import { buildSnapshot } from './build-snapshot';
import { applyKeepalivedEvents, ipAddrHolds, newNodeMemory, offerVipReading } from './node-memory';
import { pollNode } from './poll-node';
import type { TClusterSnapshot } from './snapshot';

// A one-shot observation for the CLI when no running server has a fresh
// snapshot: every node polled once, in parallel; nothing is saved.
export const collectOnce = async ({ db, name }: { db: TDb; name: string }): Promise<TClusterSnapshot> => {
  const cluster = await findClusterByName({ db, name });
  const targets = await loadTargets({ db, cluster: name });
  const pool = createSshPool({ onPinned: (t, fingerprint) => pinHostKey({ db, nodeId: t.id, fingerprint }) });
  try {
    const memory = await Promise.all(
      targets.map(async (t) => {
        const m = newNodeMemory(t.name, t.host);
        m.poll = await pollNode({ pool, target: t, cursor: 'none' });
        if (m.poll.reachable) {
          offerVipReading(m, { held: ipAddrHolds(m.poll.ipAddr, cluster.vip), at: m.poll.startedAt, source: 'poll' });
          m.keepalivedConf = m.poll.keepalived.conf;
          applyKeepalivedEvents(m, m.poll.keepalived.events);
        }
        return m;
      }),
    );
    return buildSnapshot({ name, vip: cluster.vip, virtualRouterId: cluster.virtualRouterId, lagThresholdSeconds: cluster.lagThresholdSeconds }, memory);
  } finally {
    pool.disposeAll();
  }
};
