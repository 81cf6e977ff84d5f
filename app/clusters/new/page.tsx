// /clusters/new – register a cluster
import { ClusterForm } from '@/components/clusters/ClusterForm';
import { emptyForm } from '@/components/clusters/form-state';
import { requirePageUser } from '@/lib/auth/page-session';

export const dynamic = 'force-dynamic';

const NewClusterPage = async () => {
  const user = await requirePageUser();
  if (user.role !== 'admin') return <p role="alert">Only an admin can add clusters.</p>;
  return (
  <div className="space-y-6">
    <h1 className="text-2xl font-semibold">Add cluster</h1>
    <p className="max-w-prose text-sm text-slate-600 dark:text-slate-300">
      Credentials are encrypted before they are stored and are never shown again. Tandem connects to each node over SSH
      with the key below and to MySQL with the given user, which needs REPLICATION CLIENT and PROCESS.
    </p>
    <ClusterForm mode="create" initial={emptyForm()} />
  </div>
  );
};

export default NewClusterPage;
