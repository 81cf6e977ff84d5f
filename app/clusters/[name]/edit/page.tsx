// /clusters/:name/edit – change a cluster's inventory
import { ClusterForm } from '@/components/clusters/ClusterForm';
import { formFromCluster } from '@/components/clusters/form-state';
import { loadCluster } from '../load-cluster';

export const dynamic = 'force-dynamic';

const EditClusterPage = async ({ params }: { params: Promise<{ name: string }> }) => {
  const cluster = await loadCluster((await params).name);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Edit {cluster.name}</h1>
      <ClusterForm mode="edit" initial={formFromCluster(cluster)} originalName={cluster.name} />
    </div>
  );
};

export default EditClusterPage;
