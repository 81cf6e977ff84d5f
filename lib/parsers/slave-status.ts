import { ParseError } from './parse-error';
import { toInt } from './input-text';
import { parseMysqlRows, type TMysqlRow } from './mysql-rows';
import { MARIADB_ONLY_COLUMNS, SLAVE_STATUS_COLUMNS, type TColumnSpec, type TMappedField, type TNaming } from './slave-status-columns';

export type TFlavor = 'mysql' | 'mariadb';

type TMapped = {
  [K in TMappedField]: (typeof SLAVE_STATUS_COLUMNS)[K]['type'] extends 'int' ? number | null : string | null;
};

export type TSlaveStatus = TMapped & {
  flavor: TFlavor;
  // MariaDB: Using_Gtid as printed ("No", "Slave_Pos", "Current_Pos").
  // MySQL: "Auto_Position" when Auto_Position is 1, "No" when 0, null before
  // 5.6 (no such column). "No" therefore always means file/position.
  usingGtid: string | null;
};

const RUNNING = new Map([
  ['yes', 'Yes'],
  ['no', 'No'],
  ['connecting', 'Connecting'],
  ['preparing', 'Preparing'],
]);

const readText = (raw: string | null): string | null => {
  const t = raw?.trim() ?? '';
  return t === '' ? null : t;
};

const readRunning = (raw: string | null): string | null => {
  const t = readText(raw);
  return t === null ? null : (RUNNING.get(t.toLowerCase()) ?? t);
};

// The client wraps GTID sets after each comma; the set itself has no blanks.
const readGtid = (raw: string | null): string | null => readText(raw?.replace(/\s+/g, '') ?? null);

const convert = (spec: TColumnSpec, raw: string | null): string | number | null => {
  switch (spec.type) {
    case 'int':
      // Masked samples ("<primary port>") and NULL both read as "unknown".
      return toInt(raw);
    case 'running':
      return readRunning(raw);
    case 'gtid':
      return readGtid(raw);
    case 'text':
      return readText(raw);
  }
};

const lookup = (row: TMysqlRow, names: readonly string[]): string | null => {
  for (const name of names) if (Object.hasOwn(row, name)) return row[name] ?? null;
  return null;
};

const namingOf = (row: TMysqlRow): TNaming | null => {
  const [io, sql] = [SLAVE_STATUS_COLUMNS.ioRunning, SLAVE_STATUS_COLUMNS.sqlRunning];
  if (io.modern.some((n) => Object.hasOwn(row, n)) && sql.modern.some((n) => Object.hasOwn(row, n))) return 'modern';
  if (io.legacy.some((n) => Object.hasOwn(row, n)) && sql.legacy.some((n) => Object.hasOwn(row, n))) return 'legacy';
  return null;
};

const usingGtidOf = (row: TMysqlRow, flavor: TFlavor): string | null => {
  switch (flavor) {
    case 'mariadb':
      return readText(row.Using_Gtid ?? null);
    case 'mysql': {
      if (!Object.hasOwn(row, 'Auto_Position')) return null;
      return row.Auto_Position?.trim() === '1' ? 'Auto_Position' : 'No';
    }
  }
};

const toStatus = (row: TMysqlRow): TSlaveStatus => {
  const naming = namingOf(row);
  if (!naming) throw new ParseError('slave-status', 'no Slave_IO_Running/Slave_SQL_Running (or Replica_*) columns: not SHOW SLAVE STATUS output');
  const flavor: TFlavor = MARIADB_ONLY_COLUMNS.some((c) => Object.hasOwn(row, c)) ? 'mariadb' : 'mysql';
  const entries = Object.entries(SLAVE_STATUS_COLUMNS).map(([field, spec]: [string, TColumnSpec]) => [field, convert(spec, lookup(row, spec[naming]))]);
  // Object.fromEntries cannot carry per-key types; TMapped is exactly what
  // `convert` yields for each column's type tag.
  const mapped = Object.fromEntries(entries) as TMapped;
  return { ...mapped, flavor, usingGtid: usingGtidOf(row, flavor) };
};

// Every row: MariaDB's SHOW ALL SLAVES STATUS and MySQL multi-source channels
// print one row per connection. Empty output ("Empty set") means not a replica.
export const parseSlaveStatuses = (text: string): TSlaveStatus[] => parseMysqlRows(text, 'slave-status').map(toStatus);

export const parseSlaveStatus = (text: string): TSlaveStatus | null => parseSlaveStatuses(text)[0] ?? null;
