import type { TRunView } from '@/lib/actions/run-view';
import { rangeText, ZChecksumResultSchema } from '@/lib/actions/checksum/result-schema';
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
