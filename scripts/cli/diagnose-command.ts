import { actionPool } from '@/lib/actions/action-pool';
import { getDb } from '@/lib/db/client';
import { diagnoseCluster } from '@/lib/repair/diagnose-cluster';
import { requireArg, type TCommandContext } from './commands';
import { formatDiagnosis } from './diagnose-output';

// tandem diagnose CLUSTER [--json]: reads the nodes now (no server needed).
// Exit 0 when replication runs cleanly everywhere, 1 otherwise, so a script
// can tell.
export const diagnose = async ({ args, json, out }: TCommandContext): Promise<number> => {
  const cluster = requireArg(args, 'CLUSTER');
  const db = await getDb();
  const pool = actionPool(db);
  try {
    const d = await diagnoseCluster({ db, pool, cluster });
    out(json ? JSON.stringify(d, null, 2) : formatDiagnosis(d));
    return d.nodes.length === 0 && d.unreadable.length === 0 ? 0 : 1;
  } finally {
    pool.disposeAll();
  }
};
