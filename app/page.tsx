// / – the cluster list, or how to get started
import { Link } from '@/components/ui/Link';
import { FleetOverview } from '@/components/clusters/FleetOverview';
import { listFleetSummaries } from '@/lib/collector/list-fleet-summaries';
import { EmptyState } from '@/components/clusters/EmptyState';
import { buttonClass } from '@/components/ui/styles';
import { listOverviewClusters } from '@/lib/clusters/list-overview-clusters';
import { requirePageUser } from '@/lib/auth/page-session';
import { getDb } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

const HomePage = async () => {
  const user = await requirePageUser();
  const db = await getDb();
  // Only what the cards draw is read and travels to the page: at 500
  // clusters the whole inventory and every snapshot would be megabytes.
  const clusters = await listOverviewClusters({ db });
  const summaries = await listFleetSummaries({ db });
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Clusters</h1>
        {clusters.length > 0 && user.role === 'admin' && <Link href="/clusters/new" className={buttonClass}>Add cluster</Link>}
      </div>
      {clusters.length === 0 ? <EmptyState /> : <FleetOverview clusters={clusters} summaries={summaries} renderedAt={Date.now()} />}
    </div>
  );
};

export default HomePage;
