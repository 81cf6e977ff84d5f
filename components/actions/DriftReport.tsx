import type { TChecksumReport } from '@/lib/actions/checksum/result-schema';
import { formatMs } from './run-format';
import { DRIFT_VERDICT, TABLE_STATE, chunkRanges, differingFirst, driftHeadline, driftVerdictKey, tableState, type TDriftTable } from './drift-format';

// Past this many equal tables the list folds them away, so the differing
// ones (listed first) stay on one screen.
const EQUAL_TABLES_SHOWN = 15;

const VERDICT_TEXT = {
  equal: 'The nodes hold the same data',
  different: 'The nodes hold different data',
  none: 'No verdict',
} as const;

// The verdict, big: whether both nodes hold the same rows, the headline
// count beside it. "No verdict" says why there is none.
export const DriftVerdict = ({ report, why, size = 'large' }: { report: TChecksumReport | null; why: string; size?: 'large' | 'small' }) => {
  const key = driftVerdictKey(report);
  const v = DRIFT_VERDICT[key];
  return (
    <div role="group" aria-label="Drift verdict">
      <p className={size === 'large' ? 'text-xl font-semibold' : 'text-base'}>
        <strong className={`rounded px-2 py-0.5 uppercase ${v.className}`}>{v.label}</strong> <span>{VERDICT_TEXT[key]}</span>
      </p>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{report ? driftHeadline(report) : why}</p>
    </div>
  );
};

const Ranges = ({ label, ranges }: { label: string; ranges: string[] }) =>
  ranges.length === 0 ? null : (
    <div>
      <span className="text-slate-600 dark:text-slate-400">{label}: </span>
      <ul className="inline">{ranges.map((r, i) => <li key={`${r}-${i}`} className="mr-2 inline font-mono">{r}</li>)}</ul>
    </div>
  );

const TableRow = ({ t }: { t: TDriftTable }) => {
  const state = TABLE_STATE[tableState(t)];
  const isRowCountDifferent = t.rows[0] !== t.rows[1];
  return (
    <tr className="border-b border-slate-100 align-top dark:border-slate-800">
      <th scope="row" className="py-1.5 pr-3 text-left font-mono font-normal">{t.schema}.{t.table}</th>
      <td className={`pr-3 text-right font-mono ${isRowCountDifferent ? 'font-semibold text-red-700 dark:text-red-300' : ''}`}>{t.rows[0]}</td>
      <td className={`pr-3 text-right font-mono ${isRowCountDifferent ? 'font-semibold text-red-700 dark:text-red-300' : ''}`}>{t.rows[1]}</td>
      <td className={`pr-3 whitespace-nowrap font-semibold ${state.className}`}><span aria-hidden="true">{state.mark} </span>{state.label}</td>
      <td className="pr-3 text-right font-mono">{t.chunks}</td>
      <td className="break-all text-xs">
        {t.problem && <p className="text-red-700 dark:text-red-300">{t.problem}</p>}
        <Ranges label="differing chunks" ranges={chunkRanges(t.differingChunks)} />
        <Ranges label="unsettled chunks" ranges={chunkRanges(t.unsettledChunks)} />
      </td>
    </tr>
  );
};

const Row = ({ label, value }: { label: string; value: string }) => (
  <>
    <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
    <dd className="break-all font-mono">{value}</dd>
  </>
);

// A drift check's tables, differing ones first, each with its row count on
// both nodes and where it differs: chunk ranges by primary key (lower
// bound excluded, upper included), unsettled chunks (rows kept changing
// and the replica could not be held at one point) and problems (missing
// on a node, another definition, an error).
export const DriftTables = ({ report }: { report: TChecksumReport }) => {
  const [a = 'node A', b = 'node B'] = report.nodes;
  const tables = differingFirst(report.tables);
  const notEqual = tables.filter((t) => !t.equal);
  const equal = tables.filter((t) => t.equal);
  const isFolded = equal.length > EQUAL_TABLES_SHOWN;
  const head = (
    <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-700 dark:text-slate-400">
      <tr>
        <th scope="col" className="py-2 pr-3 text-left">Table</th>
        <th scope="col" className="pr-3 text-right">Rows on {a}</th>
        <th scope="col" className="pr-3 text-right">Rows on {b}</th>
        <th scope="col" className="pr-3 text-left">State</th>
        <th scope="col" className="pr-3 text-right">Chunks</th>
        <th scope="col" className="text-left">Where</th>
      </tr>
    </thead>
  );
  return (
    <div className="space-y-2 overflow-x-auto">
      {(notEqual.length > 0 || !isFolded) && (
        <table aria-label="Tables compared" className="w-full text-sm">
          <caption className="sr-only">Tables compared, those that differ first</caption>
          {head}
          <tbody>
            {notEqual.map((t) => <TableRow key={`${t.schema}.${t.table}`} t={t} />)}
            {!isFolded && equal.map((t) => <TableRow key={`${t.schema}.${t.table}`} t={t} />)}
          </tbody>
        </table>
      )}
      {report.tables.length === 0 && <p className="text-sm text-slate-700 dark:text-slate-300">No table was compared.</p>}
      {isFolded && (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-700 dark:text-slate-300">{equal.length} equal tables</summary>
          <table aria-label="Equal tables" className="mt-2 w-full text-sm">
            {head}
            <tbody>{equal.map((t) => <TableRow key={`${t.schema}.${t.table}`} t={t} />)}</tbody>
          </table>
        </details>
      )}
    </div>
  );
};

// The figures of the comparison itself: which nodes, at which point.
export const DriftFigures = ({ report }: { report: TChecksumReport }) => (
  <dl aria-label="Drift check figures" className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
    <Row label="Nodes" value={`${report.nodes.join(' and ')} (points taken on ${report.writer})`} />
    <Row label="Schemas" value={report.schemas?.join(', ') ?? 'every non-system schema'} />
    <Row label="Last point" value={report.atGtid ?? '—'} />
    <Row label="Chunks" value={`${report.chunks}${report.pinnedChunks ? `, ${report.pinnedChunks} read again with the replica held` : ''}`} />
    <Row label="Duration" value={formatMs(report.durationMs)} />
  </dl>
);
