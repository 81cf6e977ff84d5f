// / – the cluster list, or how to get started
import Link from 'next/link';
import { FleetOverview } from '@/components/clusters/FleetOverview';
import { getClusterState } from '@/lib/collector/get-cluster-state';
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
  const states = Object.fromEntries(await Promise.all(clusters.map(async (c) => [c.name, await getClusterState({ db, name: c.name })] as const)));
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Clusters</h1>
        {clusters.length > 0 && user.role === 'admin' && <Link href="/clusters/new" className={buttonClass}>Add cluster</Link>}
      </div>
      {clusters.length === 0 ? <EmptyState /> : <FleetOverview clusters={clusters} states={states} />}
    </div>
  );
};

export default HomePage;
