import { Link } from '@/components/ui/Link';
import { buttonClass } from '@/components/ui/styles';

export const EmptyState = () => (
  <section aria-labelledby="empty-title" className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
    <h2 id="empty-title" className="text-lg font-semibold">No clusters yet</h2>
    <p className="mx-auto mt-2 max-w-prose text-sm text-slate-600 dark:text-slate-300">
      Tandem watches MySQL/MariaDB dual-master pairs behind a keepalived VIP. Add your first pair with the form, or
      import an inventory document with <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">npx tandem import cluster.json</code>.
      To try Tandem on a real pair built on this machine, start the lab demo as root with{' '}
      <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">npm run demo</code>.
    </p>
    <Link href="/clusters/new" className={`${buttonClass} mt-4`}>Add a cluster</Link>
  </section>
);
