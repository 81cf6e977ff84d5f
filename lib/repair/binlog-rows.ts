// The failing event group as `mariadb-binlog -vv --base64-output=decode-rows`
// prints it from the replica's relay log: the group's text for people, and
// the failing row event's images (@1, @2… by column position) for finding
// the row. The tool prints values for people, not for parsing back: strings
// are quoted without escaping an inner quote, control bytes become \xNN while a
// literal backslash stays as it is, and non-UTF-8 bytes come through raw.
// Only values that read back unambiguously are marked exact, and only exact
// values are ever used to look a row up.

export type TBinlogValue = { text: string | null; exact: boolean; unsigned?: string };
export type TRowImage = Map<number, TBinlogValue>;
export type TRowEventKind = 'insert' | 'update' | 'delete';
export type TRowEvent = { kind: TRowEventKind; endLogPos: number | null; schema: string; table: string; rows: { before: TRowImage | null; after: TRowImage | null }[] };
export type TDecodedGroup = { text: string; events: TRowEvent[] };

const MAX_TEXT_LINES = 200;
const MAX_TEXT_CHARS = 8000;

const HEADER = /^#\d{6}\s.*\bend_log_pos (\d+)\b/;
const ROW_EVENT_HEADER = /\b(?:Write|Update|Delete)_rows(?:_v1)?(?:_compressed)?: table id/;
const STATEMENT = /^### (INSERT INTO|UPDATE|DELETE FROM) `(.*)`\.`(.*)`$/;
const COLUMN = /^###\s+@(\d+)=(.*) \/\* (.+?) meta=\d+ nullable=\d is_null=(\d) \*\/$/;

// Types whose printed value reads back as the stored one.
const EXACT_TYPE = /^(?:TINYINT|SHORTINT|MEDIUMINT|INT|LONGINT|DECIMAL\(|NEWDECIMAL|VARSTRING\(|STRING\(|DATE$|DATETIME|TIME|YEAR)/;

export const parseBinlogValue = (raw: string, type: string, isNull: boolean): TBinlogValue => {
  if (isNull) return { text: null, exact: true };
  const typeExact = EXACT_TYPE.test(type);
  const quoted = /^'(.*)'$/s.exec(raw);
  if (quoted) {
    const inner = quoted[1] ?? '';
    return { text: inner, exact: typeExact && !/\\x[0-9a-fA-F]{2}/.test(inner) && !inner.includes('\uFFFD') };
  }
  // An integer column: "-1 (18446744073709551615)" is the signed reading, then the unsigned one.
  const both = /^(-?\d+) \((\d+)\)$/.exec(raw);
  if (both) return { text: both[1] ?? raw, exact: typeExact, unsigned: both[2] };
  return { text: raw, exact: typeExact && /^-?[0-9.:\- ]+$/.test(raw) };
};

const KINDS: Record<string, TRowEventKind> = { 'INSERT INTO': 'insert', UPDATE: 'update', 'DELETE FROM': 'delete' };

// The group that starts at the first "# at" of the output and ends at its COMMIT.
const groupLines = (output: string): string[] | null => {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => l.startsWith('# at '));
  if (start < 0) return null;
  const end = lines.findIndex((l, i) => i > start && /^(COMMIT|ROLLBACK|# End of log file)/.test(l));
  return lines.slice(start, end < 0 ? lines.length : end + 1);
};

const readEvents = (lines: string[]): TRowEvent[] => {
  const events: TRowEvent[] = [];
  let endLogPos: number | null = null;
  let inRowEvent = false;
  let current: TRowEvent | null = null;
  let image: TRowImage | null = null;
  let row: { before: TRowImage | null; after: TRowImage | null } | null = null;
  for (const line of lines) {
    const header = HEADER.exec(line);
    if (header) {
      endLogPos = Number(header[1]);
      inRowEvent = ROW_EVENT_HEADER.test(line);
      current = null;
      continue;
    }
    if (!inRowEvent) continue;
    const statement = STATEMENT.exec(line);
    if (statement) {
      const kind = KINDS[statement[1] ?? ''];
      if (!kind) continue;
      if (!current || current.kind !== kind) {
        current = { kind, endLogPos, schema: statement[2] ?? '', table: statement[3] ?? '', rows: [] };
        events.push(current);
      }
      row = { before: null, after: null };
      current.rows.push(row);
      image = null;
      continue;
    }
    if (!row) continue;
    if (line === '### WHERE') row.before = image = new Map();
    else if (line === '### SET') row.after = image = new Map();
    else {
      const col = COLUMN.exec(line);
      if (col && image) image.set(Number(col[1]), parseBinlogValue(col[2] ?? '', col[3] ?? '', col[4] === '1'));
    }
  }
  return events;
};

// The text people see: event headers, the original statement (#Q>) and the
// row images; the client's session boilerplate is left out.
const readableText = (lines: string[]): string => {
  const kept = lines.filter((l) => /^(#\d{6}\s|#Q> |### |# at |BEGIN|START TRANSACTION|COMMIT)/.test(l)).map((l) => l.replace(/\t/g, ' '));
  const text = kept.slice(0, MAX_TEXT_LINES).join('\n');
  return text.length > MAX_TEXT_CHARS || kept.length > MAX_TEXT_LINES ? `${text.slice(0, MAX_TEXT_CHARS)}\n… (cut)` : text;
};

export const decodeGroup = (output: string): TDecodedGroup | null => {
  const lines = groupLines(output);
  if (!lines) return null;
  return { text: readableText(lines), events: readEvents(lines) };
};

// The event that failed: the one ending where the error says, else the first
// row event on the table.
export const failingEvent = (group: TDecodedGroup, where: { endLogPos: number | null; schema: string; table: string }): TRowEvent | null =>
  group.events.find((e) => where.endLogPos !== null && e.endLogPos === where.endLogPos) ?? group.events.find((e) => e.schema === where.schema && e.table === where.table) ?? null;
