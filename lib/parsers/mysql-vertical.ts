import { ParseError, type TParseKind } from './parse-error';
import { isBlank, type TLine } from './input-text';
import { cellValue, type TMysqlRow } from './mysql-value';

export const ROW_MARKER = /^\s*\*+\s*\d+\.\s*row\s*\*+\s*$/;
// Column names are identifiers, so "Key:" ends at the first colon. What follows
// one separating blank is the value, whatever colons it contains.
const KEY_LINE = /^(\s*)([A-Za-z_][A-Za-z0-9_]*):(?:[ \t](.*))?$/;

type TKeyMatch = { line: TLine; key: string; value: string; colon: number; indented: boolean };

const matchKey = (line: TLine): TKeyMatch | null => {
  const m = KEY_LINE.exec(line.text);
  if (!m) return null;
  const indent = m[1] ?? '';
  const key = m[2] ?? '';
  return { line, key, value: m[3] ?? '', colon: indent.length + key.length, indented: indent.length > 0 };
};

// The client right-aligns keys, so every real key has its colon in the same
// column, and prints an embedded newline raw, so continuation lines start in
// column 0. A continuation that happens to look like "Word: text" (an SQL
// error quoting a query) is therefore unindented and off the key column; an
// indented but misaligned key (hand-edited paste) still counts as a key.
const alignedColumn = (matches: TKeyMatch[]): number | null => {
  const counts = new Map<number, number>();
  for (const m of matches) counts.set(m.colon, (counts.get(m.colon) ?? 0) + 1);
  let best: [number, number] | null = null;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  if (!best || best[1] < 2 || best[1] * 2 <= matches.length) return null;
  return best[0];
};

const parseRow = (kind: TParseKind, marker: TLine, lines: TLine[]): TMysqlRow => {
  const content = lines.filter((l) => !isBlank(l.text));
  const candidates = content.map(matchKey);
  const column = alignedColumn(candidates.filter((m): m is TKeyMatch => m !== null));
  const raw = new Map<string, string>();
  let current: string | null = null;
  content.forEach((line, i) => {
    const m = candidates[i];
    if (m && (column === null || m.colon === column || m.indented)) {
      if (raw.has(m.key)) throw new ParseError(kind, `column ${m.key} appears twice in one row`, { line: line.line });
      raw.set(m.key, m.value.trimEnd());
      current = m.key;
      return;
    }
    if (current === null) throw new ParseError(kind, `expected "Column: value", got "${line.text.trim().slice(0, 60)}"`, { line: line.line });
    // Continuations are how the client prints embedded newlines (GTID sets).
    raw.set(current, `${raw.get(current) ?? ''}\n${line.text.trimEnd()}`);
  });
  if (raw.size === 0) throw new ParseError(kind, 'row has no columns (truncated output?)', { line: marker.line });
  const row: TMysqlRow = {};
  for (const [key, value] of raw) row[key] = cellValue(value.trim());
  return row;
};

export const parseVertical = (kind: TParseKind, lines: TLine[]): TMysqlRow[] => {
  const first = lines[0];
  if (!first || !ROW_MARKER.test(first.text)) throw new ParseError(kind, 'expected a "1. row" marker', { line: first?.line });
  const rows: TMysqlRow[] = [];
  let marker = first;
  let body: TLine[] = [];
  for (const line of lines.slice(1)) {
    if (ROW_MARKER.test(line.text)) {
      rows.push(parseRow(kind, marker, body));
      marker = line;
      body = [];
    } else body.push(line);
  }
  rows.push(parseRow(kind, marker, body));
  return rows;
};
