// A separate process running only the notifier on the test's database
// (DATABASE_URL and TANDEM_DATA_DIR come from the parent), so a test can
// kill it with SIGKILL in the middle of a delivery, the way a crash or an
// OOM kill of the server would. Prints READY once its loop has started.
import { getDb } from '@/lib/db/client';
import { startNotifier } from '@/lib/notifications/notifier';

startNotifier({ db: await getDb(), baseUrl: 'https://tandem.example.com', tickMs: 100 });
process.stdout.write('READY\n');
