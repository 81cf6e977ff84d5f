import { ParseError, type TParseKind } from './parse-error';
import { type TLine } from './input-text';
import { cellValue, type TMysqlRow } from './mysql-value';

export const TABLE_BORDER = /^\s*\+(?:-+\+)+\s*$/;

type TLayout = { border: string; pluses: number[] };

const layoutOf = (border: string): TLayout => {
  const pluses: number[] = [];
  for (let i = 0; i < border.length; i++) if (border[i] === '+') pluses.push(i);
  return { border, pluses };
};

// Cells are cut at the border's "+" columns when the line lines up with it, so
// a "|" inside a value is harmless. Wide (CJK) characters or embedded newlines
// break the alignment; then we fall back to splitting on "|".
const splitCells = (text: string, { border, pluses }: TLayout): string[] | null => {
  const columns = pluses.length - 1;
  if (text.length === border.length && pluses.every((p) => text[p] === '|')) {
    return pluses.slice(0, -1).map((p, i) => text.slice(p + 1, pluses[i + 1]).trim());
  }
  if (!text.startsWith('|') || !text.endsWith('|') || text.length < 2) return null;
  const parts = text.slice(1, -1).split('|');
  return parts.length === columns ? parts.map((p) => p.trim()) : null;
};

const clean = (line: TLine): string => line.text.trim();

export const parseTable = (kind: TParseKind, lines: TLine[]): TMysqlRow[] => {
  const content = lines.filter((l) => clean(l) !== '');
  const rows: TMysqlRow[] = [];
  let i = 0;
  const at = (): TLine | undefined => content[i];
  const truncated = (): ParseError => new ParseError(kind, 'table ends early (truncated output?)', { line: content[content.length - 1]?.line });

  while (i < content.length) {
    const top = at();
    if (!top || !TABLE_BORDER.test(top.text)) throw new ParseError(kind, 'expected a +---+ table border', { line: top?.line });
    const layout = layoutOf(clean(top));
    i++;
    const headerLine = at();
    if (!headerLine) throw truncated();
    const header = splitCells(clean(headerLine), layout);
    if (!header || header.some((h) => h === '')) throw new ParseError(kind, 'malformed table header', { line: headerLine.line });
    if (new Set(header).size !== header.length) throw new ParseError(kind, 'duplicate column in table header', { line: headerLine.line });
    i++;
    const under = at();
    if (!under) throw truncated();
    if (clean(under) !== layout.border) throw new ParseError(kind, 'expected the border under the table header', { line: under.line });
    i++;
    for (;;) {
      const start = at();
      if (!start) throw truncated();
      if (TABLE_BORDER.test(start.text)) {
        if (clean(start) !== layout.border) throw new ParseError(kind, 'table border does not match the header', { line: start.line });
        i++;
        break;
      }
      // A value with an embedded newline (a GTID set) spills onto more lines.
      let text = clean(start);
      let cells = splitCells(text, layout);
      while (!cells) {
        i++;
        const next = at();
        if (!next || TABLE_BORDER.test(next.text)) throw new ParseError(kind, 'malformed table row', { line: start.line });
        text = `${text}\n${clean(next)}`;
        cells = splitCells(text, layout);
      }
      i++;
      const row: TMysqlRow = {};
      header.forEach((name, c) => {
        row[name] = cellValue(cells[c] ?? '');
      });
      rows.push(row);
    }
  }
  return rows;
};
