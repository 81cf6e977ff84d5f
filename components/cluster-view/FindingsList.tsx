import { offeredHostKeyIn } from '@/lib/health/host-key';
import type { TFinding, TSeverity } from '@/lib/health/types';
import { ApproveHostKeyButton } from './ApproveHostKeyButton';

const SEVERITY_CLASS: Record<TSeverity, string> = {
  critical: 'border-red-500 bg-red-50 dark:bg-red-950',
  warning: 'border-amber-500 bg-amber-50 dark:bg-amber-950',
  info: 'border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900',
};
const RANK: Record<TSeverity, number> = { critical: 0, warning: 1, info: 2 };

export const sortFindings = (findings: TFinding[]): TFinding[] => [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);

// A finding that needs a decision carries its button (the API still checks the role).
const actionOf = (cluster: string, f: TFinding) => {
  const offered = f.code === 'ssh-host-key-mismatch' && f.node ? offeredHostKeyIn(f.message) : null;
  return offered && f.node ? <ApproveHostKeyButton cluster={cluster} node={f.node} fingerprint={offered} /> : null;
};

export const FindingsList = ({ cluster, findings }: { cluster: string; findings: TFinding[] }) => (
  <section aria-labelledby="findings-title">
    <h2 id="findings-title" className="mb-2 text-base font-semibold">Findings ({findings.length})</h2>
    {findings.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-300">Nothing wrong found.</p>}
    <ul className="space-y-2">
      {sortFindings(findings).map((f) => (
        <li key={`${f.code}@${f.node ?? ''}`} className={`rounded-md border-l-4 border p-3 text-sm ${SEVERITY_CLASS[f.severity]}`}>
          <p><strong className="uppercase">{f.severity}</strong> <span className="font-mono text-xs">{f.code}</span>{f.node && <span className="text-xs"> on {f.node}</span>} {f.message}</p>
          <p className="mt-1 text-slate-700 dark:text-slate-300"><span className="font-medium">What to do:</span> {f.advice}</p>
          {actionOf(cluster, f)}
        </li>
      ))}
    </ul>
  </section>
);
