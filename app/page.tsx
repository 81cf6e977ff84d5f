// / – the cluster list, or how to get started
import Link from 'next/link';
import { ClusterTable } from '@/components/clusters/ClusterTable';
import { EmptyState } from '@/components/clusters/EmptyState';
import { buttonClass } from '@/components/ui/styles';
import { listClusters } from '@/lib/clusters/list-clusters';
import { requirePageUser } from '@/lib/auth/page-session';
import { getDb } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

const HomePage = async () => {
  const user = await requirePageUser();
  const clusters = await listClusters({ db: await getDb() });
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Clusters</h1>
        {clusters.length > 0 && user.role === 'admin' && <Link href="/clusters/new" className={buttonClass}>Add cluster</Link>}
      </div>
      {clusters.length === 0 ? <EmptyState /> : <ClusterTable clusters={clusters} />}
    </div>
  );
};

export default HomePage;
