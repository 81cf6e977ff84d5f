import { ZChecksumResultSchema, rangeText, type TChecksumReport } from '@/lib/actions/checksum/result-schema';
import type { TRunPush } from '@/lib/realtime/payloads';

// How a drift check reads on the page. The comparison and its verdict are
// the engine's (lib/actions/checksum); this only words and colours them.

export type TDriftTable = TChecksumReport['tables'][number];
export type TDriftVerdictKey = 'equal' | 'different' | 'none';

export const DRIFT_VERDICT: Record<TDriftVerdictKey, { label: string; className: string }> = {
  equal: { label: 'equal', className: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100' },
  different: { label: 'different', className: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100' },
  none: { label: 'no verdict', className: 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100' },
};

export const driftVerdictKey = (report: TChecksumReport | null): TDriftVerdictKey => (report === null ? 'none' : report.equal ? 'equal' : 'different');

// A result that does not parse (a run stopped before it compared, or one
// stored by an older engine) reads as "no report", never as a verdict.
export const parseDriftReport = (result: unknown): TChecksumReport | null => {
  if (result === null || result === undefined) return null;
  const parsed = ZChecksumResultSchema.safeParse(result);
  return parsed.success ? parsed.data : null;
};

export const checksumReportOf = (run: TRunPush): TChecksumReport | null => (run.kind === 'checksum' ? parseDriftReport(run.result) : null);

export type TTableState = 'problem' | 'differs' | 'unsettled' | 'equal';

export const TABLE_STATE: Record<TTableState, { mark: string; label: string; className: string }> = {
  problem: { mark: '✗', label: 'not compared', className: 'text-red-700 dark:text-red-300' },
  differs: { mark: '≠', label: 'differs', className: 'text-red-700 dark:text-red-300' },
  unsettled: { mark: '?', label: 'unsettled', className: 'text-amber-700 dark:text-amber-300' },
  equal: { mark: '=', label: 'equal', className: 'text-emerald-700 dark:text-emerald-300' },
};

// A table that is not equal is so for one reason first: it could not be
// compared (missing on a node, another definition, an error), a chunk
// differs, or a chunk kept moving and never settled at one point.
export const tableState = (t: TDriftTable): TTableState => {
  if (t.problem !== null) return 'problem';
  if (t.differingChunks.length > 0) return 'differs';
  if (t.unsettledChunks.length > 0) return 'unsettled';
  return t.equal ? 'equal' : 'differs';
};

// The engine stores the differing tables first; sorted again here (stably)
// so an older run or another reader's order cannot bury one.
export const differingFirst = (tables: TDriftTable[]): TDriftTable[] => [...tables].sort((a, b) => Number(a.equal) - Number(b.equal));

export const chunkRanges = (ranges: { lower: string | null; upper: string | null }[]): string[] => ranges.map(rangeText);

// "3 of 12 tables differ" / "12 tables equal".
export const driftHeadline = (report: TChecksumReport): string => {
  const differing = report.tables.filter((t) => !t.equal).length;
  const n = report.tables.length;
  return report.equal ? `${n} table${n === 1 ? '' : 's'} equal` : `${differing} of ${n} table${n === 1 ? '' : 's'} differ${differing === 1 ? 's' : ''}`;
};

export type TDriftProgress = { index: number | null; total: number | null; current: string | null; done: number; flagged: string[]; last: string | null };

const STARTED = /^(.+) \((\d+)\/(\d+), ~\d+ rows\)…$/;
const FINISHED = /^(.+?): \d+ chunk\(s\), \d+\/\d+ rows, (equal|\d+ differing, \d+ unsettled)/;
const NOT_CHECKED = /^(.+?): not checked: /;

// Where a running drift check is, from the compare step's output (pushed
// at most once a second, and only its tail is kept): the table it reads,
// how many it has finished and which ones it found not equal so far. Lines
// it does not know are only shown as the last line.
export const driftProgress = (output: string): TDriftProgress => {
  const progress: TDriftProgress = { index: null, total: null, current: null, done: 0, flagged: [], last: null };
  for (const line of output.split('\n').map((l) => l.trim()).filter(Boolean)) {
    progress.last = line;
    const started = STARTED.exec(line);
    if (started) {
      progress.current = started[1] ?? null;
      progress.index = Number(started[2]);
      progress.total = Number(started[3]);
      continue;
    }
    const finished = FINISHED.exec(line) ?? NOT_CHECKED.exec(line);
    if (finished) {
      progress.done += 1;
      if (finished[2] !== 'equal' && finished[1] && !progress.flagged.includes(finished[1])) progress.flagged.push(finished[1]);
      if (finished[1] === progress.current) progress.current = null;
    }
  }
  return progress;
};

// A schema name the engine accepts (lib/actions/checksum/definition.ts).
const SCHEMA_NAME = /^[^\u0000/\\.]{1,64}$/;

// The dialog's optional schema list as typed ("app, shop" or one per
// line): undefined for every schema, the names, or why they cannot be sent.
export const parseSchemaList = (text: string): { ok: true; schemas: string[] | undefined } | { ok: false; message: string } => {
  const names = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  if (names.length === 0) return { ok: true, schemas: undefined };
  const bad = names.filter((n) => !SCHEMA_NAME.test(n));
  if (bad.length > 0) return { ok: false, message: `${bad.map((b) => JSON.stringify(b)).join(', ')}: a schema name has 1–64 characters, without "/", "\\" or "."` };
  if (names.length > 200) return { ok: false, message: 'at most 200 schemas' };
  return { ok: true, schemas: names };
};
