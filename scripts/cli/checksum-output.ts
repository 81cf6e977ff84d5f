import type { TRunView } from '@/lib/actions/run-view';
import { rangeText, ZChecksumResultSchema } from '@/lib/actions/checksum/result-schema';
import { ZRepairResultSchema } from '@/lib/actions/repair/result-schema';
import { escapeControlCharacters } from '@/lib/text/control-characters';
import { formatTable } from './output';

const safe = (s: string) => escapeControlCharacters(s);

// The drift check's verdict and its tables, differing ones first (as stored).
export const formatChecksumReport = (run: TRunView): string => {
  const parsed = ZChecksumResultSchema.safeParse(run.result ?? {});
  if (!parsed.success) return run.status === 'running' ? 'comparing…' : 'no result';
  const r = parsed.data;
  const [a = 'node A', b = 'node B'] = r.nodes.map(safe);
  const lines = [
    `${r.equal ? 'EQUAL' : 'DIFFERENT'}: ${r.tables.length} table(s), ${r.chunks} chunk(s)${r.pinnedChunks ? `, ${r.pinnedChunks} read with the replica held` : ''}${r.durationMs !== null ? `, ${(r.durationMs / 1000).toFixed(1)} s` : ''}; last point ${safe(r.atGtid ?? '?')}`,
  ];
  const shown = r.tables.filter((t) => !t.equal);
  if (shown.length > 0) {
    lines.push(
      formatTable(
        ['table', `rows ${a}`, `rows ${b}`, 'where'],
        shown.map((t) => [safe(`${t.schema}.${t.table}`), String(t.rows[0]), String(t.rows[1]), safe(t.problem ?? [...t.differingChunks.map((c) => `differs ${rangeText(c)}`), ...t.unsettledChunks.map((c) => `unsettled ${rangeText(c)}`)].join('; '))]),
      ),
    );
  }
  return lines.join('\n');
};

// A repair's summary: before and after, what changed, the copy's figures
// and the drift check's verdict.
export const formatRepairReport = (run: TRunView): string => {
  const parsed = ZRepairResultSchema.safeParse(run.result ?? {});
  if (!parsed.success) return run.status === 'running' ? 'repairing…' : 'no result';
  const r = parsed.data;
  const lines = [`before: ${safe(r.before)}`, `after:  ${safe(r.after ?? '(not checked)')}${r.caughtUpMs !== null ? `; caught up in ${(r.caughtUpMs / 1000).toFixed(1)} s` : ''}`];
  if (r.copy && r.copy.bytes !== null) lines.push(`copy: ${(r.copy.bytes / 1048576).toFixed(1)} MiB, ${r.copy.tables ?? '?'} table(s)${r.copy.ms !== null ? ` in ${(r.copy.ms / 1000).toFixed(1)} s` : ''}${r.copy.mbPerSecond !== null ? ` (${r.copy.mbPerSecond} MiB/s)` : ''}`);
  for (const c of r.changes) lines.push(`changed: ${safe(c)}`);
  if (r.driftSkipped) lines.push(`drift check: ${safe(r.driftSkipped)}`);
  if (r.drift) lines.push(...formatChecksumReport({ ...run, result: r.drift }).split('\n'));
  return lines.join('\n');
};
