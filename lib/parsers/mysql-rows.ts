import { ParseError, type TParseKind } from './parse-error';
import { toLines, type TLine } from './input-text';
import { parseBatch } from './mysql-batch';
import { parseTable, TABLE_BORDER } from './mysql-table';
import { parseVertical, ROW_MARKER } from './mysql-vertical';
import { type TMysqlRow } from './mysql-value';

export type { TMysqlRow } from './mysql-value';

// Lines people (and our own SSH runner) leave around the result: prompts with
// the statement, the bare statement, row-count footers, client warnings, and
// the "ERROR: No query specified" pair that `\G;` produces.
const NOISE: readonly RegExp[] = [
  /^\s*(?:mysql|mariadb|MariaDB \[[^\]]*\]|MySQL \[[^\]]*\])\s*>/i,
  /^\s*->\s/,
  /^\s*(?:SHOW|CALL|SELECT)\s[^|\t]*?(?:;|\\G)\s*;?\s*$/i,
  /^\s*(?:\d+ rows? in set|Empty set)\b/i,
  /^\s*Query OK\b/i,
  /^\s*(?:mysql|mariadb)(?:\.exe)?: (?:\[Warning\]|Deprecated program name)/i,
  /^\s*ERROR:\s*$/,
  /^\s*No query specified\s*$/,
];

const SERVER_ERROR = /^\s*ERROR \d+(?: \([0-9A-Z]{5}\))?(?: at line \d+)?:/;

const isNoise = (line: TLine): boolean => (line.text.trim() === '' && !line.text.includes('\t')) || NOISE.some((re) => re.test(line.text));

// Generic reader for mysql/mariadb client output: `\G` (vertical), the ASCII
// table, or `-B` tab-separated batch output. Empty output or "Empty set" is no
// rows; anything else that is not one of those shapes throws ParseError.
export const parseMysqlRows = (text: string, kind: TParseKind): TMysqlRow[] => {
  const lines = toLines(kind, text).filter((l) => !isNoise(l));
  const first = lines[0];
  if (!first) return [];
  const error = lines.find((l) => SERVER_ERROR.test(l.text));
  if (error) throw new ParseError(kind, `server returned an error: ${error.text.trim().slice(0, 200)}`, { line: error.line });
  if (ROW_MARKER.test(first.text)) return parseVertical(kind, lines);
  if (TABLE_BORDER.test(first.text)) return parseTable(kind, lines);
  return parseBatch(kind, lines);
};
