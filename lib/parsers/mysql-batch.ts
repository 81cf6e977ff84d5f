import { ParseError, type TParseKind } from './parse-error';
import { type TLine } from './input-text';
import { type TMysqlRow } from './mysql-value';

// Column names in the header of `mysql -B`: identifiers, optionally @@system
// variables with a scope prefix. Anything else means this is not batch output.
const COLUMN_NAME = /^@{0,2}[A-Za-z_][A-Za-z0-9_$]*(?:\.[A-Za-z_][A-Za-z0-9_$]*)?$/;

const ESCAPES = new Map([
  ['n', '\n'],
  ['t', '\t'],
  ['0', '\0'],
  ['\\', '\\'],
]);

// A cell's text with the client's escapes undone (\n, \t, \0, \\).
export const batchText = (raw: string): string => raw.replace(/\\(.)/g, (_, c: string) => ESCAPES.get(c) ?? c);

// One cell of `mysql --batch` output: NULL, or the text with its escapes undone.
export const batchValue = (raw: string): string | null => {
  if (raw === 'NULL' || raw === '\\N') return null;
  return batchText(raw);
};

export const parseBatch = (kind: TParseKind, lines: TLine[]): TMysqlRow[] => {
  const [headerLine, ...dataLines] = lines;
  if (!headerLine) return [];
  const header = headerLine.text.split('\t').map((h) => h.trim());
  const badName = header.find((h) => !COLUMN_NAME.test(h));
  if (badName !== undefined) {
    throw new ParseError(kind, `not mysql output: "${headerLine.text.trim().slice(0, 60)}"`, { line: headerLine.line });
  }
  if (new Set(header).size !== header.length) throw new ParseError(kind, 'duplicate column in batch header', { line: headerLine.line });
  // mysql -B prints nothing at all for an empty result, so a lone header is
  // either truncated output or a stray word.
  if (dataLines.length === 0) throw new ParseError(kind, 'batch header without rows', { line: headerLine.line });
  return dataLines.map((line) => {
    const cells = line.text.split('\t');
    if (cells.length !== header.length) {
      throw new ParseError(kind, `expected ${header.length} tab-separated fields, got ${cells.length}`, { line: line.line });
    }
    const row: TMysqlRow = {};
    header.forEach((name, c) => {
      row[name] = batchValue(cells[c] ?? '');
    });
    return row;
  });
};
