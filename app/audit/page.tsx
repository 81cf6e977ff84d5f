// /audit – who did what, with filters (plain GET form: works without JavaScript)
import { detailSummary } from '@/lib/audit/detail-summary';
import { listAudit } from '@/lib/audit/list-audit';
import { requirePageUser } from '@/lib/auth/page-session';
import { getDb } from '@/lib/db/client';
import { buttonClass, inputClass } from '@/components/ui/styles';

export const dynamic = 'force-dynamic';

type TSearch = { actor?: string; action?: string; result?: string };

const AuditPage = async ({ searchParams }: { searchParams: Promise<TSearch> }) => {
  await requirePageUser();
  const q = await searchParams;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 120) : undefined);
  const filters = { actor: text(q.actor), action: text(q.action) };
  const result = text(q.result);
  const rows = (await listAudit({ db: await getDb(), ...filters, limit: 500 })).filter((r) => !result || r.result === result);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <label className="text-sm">Actor<input name="actor" defaultValue={filters.actor} className={inputClass} placeholder="user:alice" /></label>
        <label className="text-sm">Action<input name="action" defaultValue={filters.action} className={inputClass} placeholder="cluster.update" /></label>
        <label className="text-sm">Result
          <select name="result" defaultValue={result ?? ''} className={inputClass}>
            <option value="">any</option><option value="ok">ok</option><option value="denied">denied</option><option value="failed">failed</option>
          </select>
        </label>
        <button type="submit" className={buttonClass}>Filter</button>
      </form>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:text-slate-400 dark:border-slate-700">
          <tr><th scope="col" className="py-2">When</th><th scope="col">Who</th><th scope="col">From</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Result</th><th scope="col">Detail</th></tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.at}-${i}`} className="border-b border-slate-100 dark:border-slate-800">
              <td className="py-1 font-mono text-xs">{r.at}</td><td>{r.actor}</td><td className="font-mono text-xs">{r.ip ?? '—'}</td><td className="font-mono text-xs">{r.action}</td><td>{r.target ?? '—'}</td>
              <td className={r.result === 'ok' ? '' : 'font-semibold text-red-700 dark:text-red-400'}>{r.result}</td>
              <td className="font-mono text-xs">{detailSummary(r.detail, 120)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No matching events.</p>}
    </div>
  );
};

export default AuditPage;
