// /clusters/:name – one cluster: live state, topology, lag, keepalived, actions, inventory
import { Link } from '@/components/ui/Link';
import { DeleteClusterButton } from '@/components/clusters/DeleteClusterButton';
import { ClusterView } from '@/components/cluster-view/ClusterView';
import { requirePageUser } from '@/lib/auth/page-session';
import { canManageInventory, canRunActions } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { secondaryButtonClass } from '@/components/ui/styles';
import { loadCluster } from './load-cluster';
import { loadClusterView } from './load-cluster-view';

export const dynamic = 'force-dynamic';

const ClusterPage = async ({ params }: { params: Promise<{ name: string }> }) => {
  const cluster = await loadCluster((await params).name);
  const initial = await loadClusterView({ db: await getDb(), name: cluster.name });
  const me = await requirePageUser();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{cluster.name}</h1>
        <span className="ml-auto flex gap-3">
          <Link href={`/clusters/${cluster.name}/edit`} className={secondaryButtonClass}>Edit</Link>
          <a href={`/api/clusters/${cluster.name}/export`} download={`${cluster.name}.json`} className={secondaryButtonClass}>Export</a>
          <DeleteClusterButton name={cluster.name} />
        </span>
      </div>
      <ClusterView name={cluster.name} initial={initial} canAct={canRunActions(me.role)} canForce={canManageInventory(me.role)} />
      <h2 className="text-base font-semibold">Inventory</h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-medium">Virtual IP</dt><dd className="font-mono">{cluster.vip}</dd>
        <dt className="font-medium">virtual_router_id</dt><dd>{cluster.virtualRouterId ?? 'not set'}</dd>
        <dt className="font-medium">Description</dt><dd>{cluster.description ?? '—'}</dd>
      </dl>
      <table className="w-full text-left text-sm">
        <caption className="mb-2 text-left text-base font-semibold">Nodes</caption>
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:text-slate-400 dark:border-slate-700">
          <tr><th scope="col" className="py-2">Node</th><th scope="col">Host</th><th scope="col">SSH</th><th scope="col">MySQL</th><th scope="col">SSH host key</th></tr>
        </thead>
        <tbody>
          {cluster.nodes.map((n) => (
            <tr key={n.name} className="border-b border-slate-100 dark:border-slate-800">
              <td className="py-2 font-medium">{n.name}</td>
              <td className="font-mono">{n.host}</td>
              <td className="font-mono">{n.ssh.user}@:{n.ssh.port}</td>
              <td className="font-mono">{n.mysql.user}@:{n.mysql.port}</td>
              <td className="font-mono text-xs">{n.ssh.hostKeyFingerprint ?? 'pinned on first contact'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

export default ClusterPage;
