import path from 'node:path';
import { z } from 'zod';
import { runSql } from '@/agents/action-sql';
import type { TNodeTarget } from '@/agents/node-target';
import { decodeRelayLog } from '@/agents/relay-log';
import type { TSshPool } from '@/agents/ssh-pool';
import { batchValue } from '@/lib/parsers/mysql-batch';
import type { TSlaveStatus } from '@/lib/parsers/slave-status';
import { decodeGroup, failingEvent, type TRowEvent, type TRowImage } from './binlog-rows';
import { parseRowError } from './row-error';
import { quoteIdentifier, sqlString } from './sql-text';
import type { TRowEvidence } from './types';

// For 1062/1032: the failing event decoded from the replica's relay log, the
// row's key, and the row as each node holds it now, so the operator sees what
// differs. Every name and value taken from the error text or the event goes
// into SQL quoted (sql-text.ts); a value the decoder cannot read back exactly
// is never used to look a row up.

export type TRowEvidenceResult = { evidence: TRowEvidence | null; note: string | null; identical: boolean | null };

type TColumn = { name: string; ordinal: number; dataType: string; columnType: string };

const SQL_TIMEOUT_MS = 5000;
const MAX_COLUMNS = 100;
const BINARY_TYPES = new Set(['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob', 'bit', 'geometry']);
const ZRowSchema = z.record(z.string(), z.string().nullable());

const cell = (row: string[], i: number): string | null => batchValue(row[i] ?? 'NULL');

const readCatalog = async (pool: TSshPool, target: TNodeTarget, schema: string, table: string) => {
  const where = `TABLE_SCHEMA = ${sqlString(schema)} AND TABLE_NAME = ${sqlString(table)}`;
  const rows = await runSql(pool, target, [
    `SELECT 'col', COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, COLUMN_TYPE FROM information_schema.COLUMNS WHERE ${where} ORDER BY ORDINAL_POSITION;`,
    // Unique indexes, the primary key first: a 1032's row is found by it.
    `SELECT 'key', INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE ${where} AND NON_UNIQUE = 0 ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX;`,
    `SELECT 'relay', @@relay_log_basename, @@datadir;`,
  ].join('\n'), SQL_TIMEOUT_MS);
  const columns: TColumn[] = [];
  const indexes = new Map<string, string[]>();
  let relayDir: string | null = null;
  for (const r of rows) {
    if (r[0] === 'col') columns.push({ name: cell(r, 1) ?? '', ordinal: Number(r[2]), dataType: (cell(r, 3) ?? '').toLowerCase(), columnType: (cell(r, 4) ?? '').toLowerCase() });
    else if (r[0] === 'key') indexes.set(cell(r, 1) ?? '', [...(indexes.get(cell(r, 1) ?? '') ?? []), cell(r, 2) ?? '']);
    else if (r[0] === 'relay') relayDir = cell(r, 1) ? path.posix.dirname(cell(r, 1) ?? '') : (cell(r, 2) ?? '').replace(/\/+$/, '') || null;
  }
  return { columns, indexes, relayDir };
};

// The key's values in one row image, when every part reads back exactly.
const keyOf = (image: TRowImage | null, keyColumns: TColumn[]): Map<string, string | null> | null => {
  if (!image) return null;
  const key = new Map<string, string | null>();
  for (const c of keyColumns) {
    const v = image.get(c.ordinal);
    if (!v?.exact || BINARY_TYPES.has(c.dataType)) return null;
    key.set(c.name, v.unsigned !== undefined && c.columnType.includes('unsigned') ? v.unsigned : v.text);
  }
  return key;
};

const whereKey = (key: Map<string, string | null>): string =>
  [...key].map(([col, v]) => (v === null ? `${quoteIdentifier(col)} IS NULL` : `${quoteIdentifier(col)} = ${sqlString(v)}`)).join(' AND ');

const selectRow = (schema: string, table: string, columns: TColumn[], key: Map<string, string | null>): string => {
  const fields = columns.slice(0, MAX_COLUMNS).map((c) => `${sqlString(c.name)}, ${BINARY_TYPES.has(c.dataType) ? `CONCAT('0x', HEX(${quoteIdentifier(c.name)}))` : `CAST(${quoteIdentifier(c.name)} AS CHAR)`}`);
  return `SELECT JSON_OBJECT(${fields.join(', ')}) FROM ${quoteIdentifier(schema)}.${quoteIdentifier(table)} WHERE ${whereKey(key)} LIMIT 2;`;
};

const readRow = async (pool: TSshPool, target: TNodeTarget, sql: string): Promise<Record<string, string | null> | null> => {
  const rows = await runSql(pool, target, sql, SQL_TIMEOUT_MS);
  const json = rows[0] ? cell(rows[0], 0) : null;
  return json === null ? null : ZRowSchema.parse(JSON.parse(json));
};

// Which of the event's rows failed: for 1062 the one whose key prints as the
// duplicate entry (parts joined by '-'); for 1032 the first whose before-image
// key the replica lacks.
const pickKey = async (ctx: { pool: TSshPool; node: TNodeTarget; errno: number; entry: string | null; event: TRowEvent; keyColumns: TColumn[]; schema: string; table: string }): Promise<Map<string, string | null> | null> => {
  const images = ctx.event.rows.map((r) => (ctx.errno === 1062 ? r.after : r.before));
  const keys = images.map((i) => keyOf(i, ctx.keyColumns)).filter((k): k is Map<string, string | null> => k !== null);
  if (ctx.errno === 1062) return keys.find((k) => [...k.values()].map((v) => v ?? 'NULL').join('-') === ctx.entry) ?? (keys.length === 1 ? (keys[0] ?? null) : null);
  if (keys.length <= 1) return keys[0] ?? null;
  const probes = keys.slice(0, 20).map((k, i) => `SELECT ${i}, COUNT(*) FROM ${quoteIdentifier(ctx.schema)}.${quoteIdentifier(ctx.table)} WHERE ${whereKey(k)};`);
  const found = await runSql(ctx.pool, ctx.node, probes.join('\n'), SQL_TIMEOUT_MS);
  const missing = found.find((r) => r[1] === '0');
  return missing ? (keys[Number(missing[0])] ?? null) : null;
};

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export const readRowEvidence = async (ctx: { pool: TSshPool; node: TNodeTarget; source: TNodeTarget | null; status: TSlaveStatus }): Promise<TRowEvidenceResult> => {
  const { pool, node, source, status } = ctx;
  const errno = status.lastSqlErrno ?? 0;
  const err = parseRowError(status.lastSqlError);
  if (!err.schema || !err.table) {
    return { evidence: null, identical: null, note: err.query ? `The failing event is a statement (${err.query.slice(0, 200)}), which names no table Tandem can look the row up in.` : 'The error names no table, so the rows are not shown.' };
  }
  const { schema, table } = err;
  const catalog = await readCatalog(pool, node, schema, table);
  if (catalog.columns.length === 0) return { evidence: null, identical: null, note: `${node.name} has no table ${schema}.${table}, so the rows are not shown.` };

  const notes: string[] = [];
  let event: TRowEvent | null = null;
  let eventText: string | null = null;
  if (catalog.relayDir && status.relayLogFile && status.relayLogPos !== null) {
    try {
      const group = decodeGroup(await decodeRelayLog(pool, node, { directory: catalog.relayDir, file: status.relayLogFile, position: status.relayLogPos }));
      eventText = group?.text ?? null;
      event = group ? failingEvent(group, { endLogPos: err.endLogPos, schema, table }) : null;
      if (!group) notes.push(`${status.relayLogFile} at ${status.relayLogPos} decoded to nothing.`);
    } catch (e) {
      notes.push(`The failing event could not be decoded from ${node.name}'s relay log: ${describe(e)}.`);
    }
  } else notes.push(`${node.name} does not report where its relay log is, so the failing event is not decoded.`);

  const keyName = err.keyName ?? [...catalog.indexes.keys()][0] ?? null;
  const keyColumns = (keyName ? (catalog.indexes.get(keyName) ?? []) : []).map((n) => catalog.columns.find((c) => c.name === n)).filter((c): c is TColumn => c !== undefined);
  let key: Map<string, string | null> | null = null;
  if (keyColumns.length > 0 && event) key = await pickKey({ pool, node, errno, entry: err.entry, event, keyColumns, schema, table });
  // Without the event, a one-column key's duplicate value is in the message.
  if (!key && errno === 1062 && keyColumns.length === 1 && err.entry !== null && keyColumns[0]) key = new Map([[keyColumns[0].name, err.entry]]);
  if (!key) {
    notes.push(keyColumns.length === 0 ? `${schema}.${table} has no unique key to find the row by.` : `The row's key could not be read exactly from the event, so the current rows are not shown.`);
    return { evidence: { schema, table, key: {}, event: eventText, rows: [] }, identical: null, note: notes.join(' ') };
  }

  const sql = selectRow(schema, table, catalog.columns, key);
  const rows: TRowEvidence['rows'] = [];
  const read: (Record<string, string | null> | null)[] = [];
  for (const t of [node, source]) {
    if (!t) continue;
    try {
      const row = await readRow(pool, t, sql);
      rows.push({ node: t.name, row });
      read.push(row);
    } catch (e) {
      notes.push(`The row could not be read on ${t.name}: ${describe(e)}.`);
    }
  }
  if (!source) notes.push('The source could not be read, so only this node\'s row is shown.');
  const identical = read.length === 2 ? JSON.stringify(read[0]) === JSON.stringify(read[1]) : null;
  return {
    evidence: { schema, table, key: Object.fromEntries([...key].map(([k, v]) => [k, v ?? 'NULL'])), event: eventText, rows },
    identical,
    note: notes.length > 0 ? notes.join(' ') : null,
  };
};
