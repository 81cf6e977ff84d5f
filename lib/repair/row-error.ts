// What a 1062/1032 Last_SQL_Error says about the failing row: the table, the
// key (1062 names the index and the duplicate value) and where the event is
// in the source's binary log. Text from the server: nothing here is trusted
// as SQL, it only selects rows through quoted identifiers and values.

export type TRowError = {
  // Write_rows_v1, Update_rows_v1, Delete_rows_v1 (row events); null for a statement.
  eventType: string | null;
  schema: string | null;
  table: string | null;
  // 1062: the index named in the message (PRIMARY, or a unique key).
  keyName: string | null;
  // 1062: the duplicate value as printed (a composite key's parts joined by '-').
  entry: string | null;
  sourceLog: string | null;
  endLogPos: number | null;
  // A statement-based event names no table; its query is kept.
  query: string | null;
};

// MariaDB/MySQL row events: "Could not execute Write_rows_v1 event on table
// app.filler; Duplicate entry '5' for key 'PRIMARY', Error_code: 1062;
// handler error HA_ERR_FOUND_DUPP_KEY; the event's master log
// node1-bin.000001, end_log_pos 1234".
const ROW_EVENT = /Could not execute (\w+) event on table (.+?); /s;
const SOURCE_POS = /the event's (?:master|source) log (\S+?), end_log_pos (\d+)/;
// Greedy: the duplicate value may itself hold quotes; the last "' for key '" ends it.
const DUPLICATE = /Duplicate entry '(.*)' for key '([^']*)'/s;
// Statement events: "Error 'Duplicate entry …' on query. Default database: 'db'. Query: '…'".
const STATEMENT = /on query\. Default database: '([^']*)'\. Query: '(.*)'$/s;

// "schema.table" as the server prints it (unquoted): split at the first dot;
// the caller checks that the table exists before using it.
const splitTable = (text: string): { schema: string; table: string } | null => {
  const i = text.indexOf('.');
  return i > 0 && i < text.length - 1 ? { schema: text.slice(0, i), table: text.slice(i + 1) } : null;
};

export const parseRowError = (message: string | null): TRowError => {
  const text = message ?? '';
  const out: TRowError = { eventType: null, schema: null, table: null, keyName: null, entry: null, sourceLog: null, endLogPos: null, query: null };
  const row = ROW_EVENT.exec(text);
  if (row) {
    out.eventType = row[1] ?? null;
    const t = splitTable(row[2] ?? '');
    if (t) Object.assign(out, t);
  }
  const pos = SOURCE_POS.exec(text);
  if (pos) {
    out.sourceLog = pos[1] ?? null;
    out.endLogPos = Number(pos[2]);
  }
  const dup = DUPLICATE.exec(text);
  if (dup) {
    out.entry = dup[1] ?? null;
    // MySQL 8 prints the index as 'table.PRIMARY'.
    const key = dup[2] ?? '';
    out.keyName = out.table && key.startsWith(`${out.table}.`) ? key.slice(out.table.length + 1) : key;
  }
  const statement = row ? null : STATEMENT.exec(text);
  if (statement) {
    out.schema = statement[1] || null;
    out.query = statement[2] ?? null;
  }
  return out;
};
