import { pinHostKey, readPinnedHostKey } from '@/agents/load-targets';
import { sharedSshPool, type TSshPool } from '@/agents/ssh-pool';
import type { TDb } from '@/lib/db/client';

// The process's SSH pool (the collector's, when it runs here): an action
// reuses the node connections and pinned host keys the monitor already has.
export const actionPool = (db: TDb): TSshPool =>
  sharedSshPool({ onPinned: (target, fingerprint) => pinHostKey({ db, nodeId: target.id, fingerprint }), currentPin: (target) => readPinnedHostKey({ db, nodeId: target.id }) });
