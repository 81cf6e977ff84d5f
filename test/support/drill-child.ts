// A separate process that runs one failover drill and reports each step
// change on stdout ("RUN id", "STEP key status"), so a test can kill it
// mid-drill the way a crash or `kill -9` of the server would.
import { actionPool } from '@/lib/actions/action-pool';
import { setActionSinks } from '@/lib/actions/action-hub';
import { startAction } from '@/lib/actions/start-action';
import { getDb } from '@/lib/db/client';

const [cluster = 'lab', failure = 'stop-mysqld', hold = '60'] = process.argv.slice(2);
const db = await getDb();
const seen = new Map<string, string>();
setActionSinks({
  push: (_c, run) => {
    for (const s of run.steps) {
      if (seen.get(s.key) === s.status) continue;
      seen.set(s.key, s.status);
      process.stdout.write(`STEP ${s.key} ${s.status}\n`);
    }
  },
  pollNow: () => undefined,
});
const outcome = await startAction({ db, pool: actionPool(db), cluster, who: { actor: 'test-child', role: 'admin' }, body: { kind: 'drill', params: { failure, holdSeconds: Number(hold) }, confirm: cluster } });
if (outcome.kind !== 'started') process.exit(2);
process.stdout.write(`RUN ${outcome.started.run.id}\n`);
await outcome.started.done;
process.stdout.write('DONE\n');
process.exit(0);
