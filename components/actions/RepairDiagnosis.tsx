import type { TDiagnosisEvidence, TDiagnosisNode } from '@/lib/repair/diagnosis-schema';
import { evidenceTable } from './repair-format';

const keyText = (key: Record<string, string>): string => Object.entries(key).map(([k, v]) => `${k} = ${v}`).join(' AND ');

// The row a 1062/1032 is about, as each node holds it now, side by side:
// one line per column, the columns that differ marked (in words too, not
// only colour). A node without the row says so.
export const RowEvidence = ({ evidence }: { evidence: TDiagnosisEvidence }) => {
  const t = evidenceTable(evidence);
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table aria-label="Row on each node" className="w-full text-left text-sm">
          <caption className="mb-1 text-left font-medium">
            <span className="font-mono">{evidence.schema}.{evidence.table}</span> where <span className="font-mono">{keyText(evidence.key)}</span>
          </caption>
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-700 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-3">Column</th>
              {t.nodes.map((n) => <th key={n} scope="col" className="pr-3">{n}{t.missingOn.includes(n) ? ': no such row' : ''}</th>)}
            </tr>
          </thead>
          <tbody className="font-mono text-xs">
            {t.columns.map((c) => (
              <tr key={c.column} className={`border-b border-slate-100 dark:border-slate-800 ${c.isDifferent ? 'bg-amber-100 dark:bg-amber-950' : ''}`}>
                <th scope="row" className="py-1 pr-3 font-normal">
                  {c.column}
                  {c.isDifferent && <span className="ml-2 rounded bg-amber-300 px-1 font-sans text-[0.7rem] font-semibold text-amber-950">differs</span>}
                </th>
                {c.values.map((v, i) => (
                  <td key={t.nodes[i] ?? i} className={`break-all pr-3 ${c.isDifferent ? 'font-semibold' : ''}`}>{v === undefined ? '—' : v === null ? <span className="italic text-slate-600 dark:text-slate-400">NULL</span> : v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {t.missingOn.length > 0 && <p className="text-sm">No row with this key on {t.missingOn.join(' and ')}.</p>}
      {evidence.event && (
        <details open className="text-sm">
          <summary className="cursor-pointer font-medium">The failing event, decoded</summary>
          <pre className="mt-1 max-h-56 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{evidence.event}</pre>
        </details>
      )}
    </div>
  );
};

// What broke replication on the node, in the diagnosis's words: the
// thread, the error as MariaDB states it, the cause and what it means.
export const DiagnosisSummary = ({ idBase, diagnosis }: { idBase: string; diagnosis: TDiagnosisNode }) => (
  <section aria-labelledby={`${idBase}-cause-title`} className="space-y-2 text-sm">
    <h3 id={`${idBase}-cause-title`} className="font-semibold">
      Cause: <span className="font-mono">{diagnosis.cause.code}</span>
    </h3>
    <p>
      {diagnosis.node}&apos;s {diagnosis.thread === 'io' ? 'IO' : 'SQL'} thread{diagnosis.source ? ` (replicating from ${diagnosis.source})` : ''}
      {diagnosis.errno !== null ? ` stopped on error ${diagnosis.errno}` : ' is not running'}.
    </p>
    {diagnosis.error && <pre className="whitespace-pre-wrap break-words rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{diagnosis.error}</pre>}
    <p className="whitespace-pre-wrap">{diagnosis.cause.explanation}</p>
    {diagnosis.evidence && <RowEvidence evidence={diagnosis.evidence} />}
  </section>
);
