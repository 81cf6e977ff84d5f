// / – the cluster list, or how to get started
import { Link } from '@/components/ui/Link';
import { FleetOverview } from '@/components/clusters/FleetOverview';
import { listFleetSummaries } from '@/lib/collector/list-fleet-summaries';
import { EmptyState } from '@/components/clusters/EmptyState';
import { buttonClass } from '@/components/ui/styles';
import { listClusters } from '@/lib/clusters/list-clusters';
import { requirePageUser } from '@/lib/auth/page-session';
import { getDb } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

const HomePage = async () => {
  const user = await requirePageUser();
  const db = await getDb();
  const clusters = await listClusters({ db });
  // Only what the cards draw travels to the page: at 500 clusters the whole
  // inventory and every snapshot would be megabytes.
  const overview = clusters.map((c) => ({ name: c.name, vip: c.vip, description: c.description, nodes: c.nodes.map((n) => ({ name: n.name, host: n.host })) }));
  const summaries = await listFleetSummaries({ db });
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Clusters</h1>
        {clusters.length > 0 && user.role === 'admin' && <Link href="/clusters/new" className={buttonClass}>Add cluster</Link>}
      </div>
      {clusters.length === 0 ? <EmptyState /> : <FleetOverview clusters={overview} summaries={summaries} />}
    </div>
  );
};

export default HomePage;
