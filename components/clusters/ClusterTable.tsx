import Link from 'next/link';
import type { TPublicCluster } from '@/lib/clusters/public-cluster';

export const ClusterTable = ({ clusters }: { clusters: TPublicCluster[] }) => (
  <table className="w-full text-left text-sm">
    <caption className="sr-only">Clusters</caption>
    <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-700">
      <tr><th scope="col" className="py-2">Name</th><th scope="col">VIP</th><th scope="col">Nodes</th><th scope="col">Description</th></tr>
    </thead>
    <tbody>
      {clusters.map((c) => (
        <tr key={c.name} className="border-b border-slate-100 dark:border-slate-800">
          <td className="py-2"><Link href={`/clusters/${c.name}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">{c.name}</Link></td>
          <td className="font-mono">{c.vip}</td>
          <td>{c.nodes.map((n) => `${n.name} (${n.host})`).join(', ')}</td>
          <td className="text-slate-600 dark:text-slate-300">{c.description}</td>
        </tr>
      ))}
    </tbody>
  </table>
);
