// A separate process that runs one action (the request body as JSON, the
// typed confirmation added) and reports each step change on stdout ("RUN
// id", "STEP key status"), so a test can kill it mid-run the way a crash or
// `kill -9` of the server would. DATABASE_URL and TANDEM_DATA_DIR come from
// the parent; TANDEM_ACTION_STEP_PAUSE_MS slows it down.
import { actionPool } from '@/lib/actions/action-pool';
import { setActionSinks } from '@/lib/actions/action-hub';
import { startAction } from '@/lib/actions/start-action';
import { getDb } from '@/lib/db/client';

const [cluster = 'lab', body = '{}'] = process.argv.slice(2);
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
const request: unknown = JSON.parse(body);
const outcome = await startAction({ db, pool: actionPool(db), cluster, who: { actor: 'test-child', role: 'admin' }, body: { ...(typeof request === 'object' && request !== null ? request : {}), confirm: cluster } });
if (outcome.kind !== 'started') process.exit(2);
process.stdout.write(`RUN ${outcome.started.run.id}\n`);
await outcome.started.done;
process.stdout.write('DONE\n');
process.exit(0);
