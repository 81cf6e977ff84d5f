// The SQL of the drift check, built from what information_schema says about
// a table. Nothing here talks to a node; every identifier is quoted and every
// key value travels as a literal Tandem builds from the node's own encoding
// (digits, or hex bytes), so no table content can change a statement's shape.

export type TColumn = { name: string; dataType: string; nullable: boolean; charset: string | null; collation: string | null };
export type TTableSpec = { schema: string; table: string; columns: TColumn[]; key: TColumn[]; keyName: string | null };

// A key value as the node printed it: digits for numeric columns, hex of the
// stored bytes otherwise.
export type TKeyValue = string[];

const NUMERIC = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint', 'decimal', 'numeric', 'float', 'double', 'real', 'bit', 'year']);
const BINARY = new Set(['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob']);
const ENUMISH = new Set(['enum', 'set']);
const SPATIAL = /^(geometry|point|linestring|polygon|multipoint|multilinestring|multipolygon|geometrycollection)$/;

export const quoteIdent = (name: string): string => `\`${name.replace(/`/g, '``')}\``;
export const tableRef = (t: Pick<TTableSpec, 'schema' | 'table'>): string => `${quoteIdent(t.schema)}.${quoteIdent(t.table)}`;
// A string literal for values Tandem itself chose (schema names in lists).
export const quoteString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

const CHARSET_RE = /^[A-Za-z0-9_]+$/;

// The row formula of pt-table-checksum (RowChecksum.pm): every column joined
// by '#', NULLs marked by a trailing string of ISNULL flags (CONCAT_WS skips
// NULLs), timestamps as epoch seconds so the time zone of a session does
// not matter, bit columns as numbers, spatial columns as text.
const columnExpr = (c: TColumn): string => {
  const q = quoteIdent(c.name);
  const t = c.dataType.toLowerCase();
  if (t === 'timestamp') return `UNIX_TIMESTAMP(${q})`;
  if (t === 'bit') return `${q}+0`;
  if (SPATIAL.test(t)) return `ST_AsText(${q})`;
  return q;
};

export const rowExpression = (columns: TColumn[]): string => {
  const parts = columns.map(columnExpr);
  const nullable = columns.filter((c) => c.nullable);
  if (nullable.length > 0) parts.push(`CONCAT(${nullable.map((c) => `ISNULL(${quoteIdent(c.name)})`).join(', ')})`);
  return `CRC32(CONCAT_WS('#', ${parts.join(', ')}))`;
};

export const chunkChecksumExpr = (columns: TColumn[]): string => `COUNT(*), COALESCE(LOWER(CONV(BIT_XOR(CAST(${rowExpression(columns)} AS UNSIGNED)), 10, 16)), 0)`;

// How a key column is printed so it can be read back exactly.
export const encodeKeyExpr = (c: TColumn): string => {
  const q = quoteIdent(c.name);
  const t = c.dataType.toLowerCase();
  if (ENUMISH.has(t)) return `${q}+0`;
  if (NUMERIC.has(t)) return t === 'bit' ? `${q}+0` : `CAST(${q} AS CHAR)`;
  return `HEX(${q})`;
};

// The key column's own expression in comparisons (enum/set by ordinal, so
// comparisons follow the index's order).
const keyColumnRef = (c: TColumn): string => (ENUMISH.has(c.dataType.toLowerCase()) || c.dataType.toLowerCase() === 'bit' ? `${quoteIdent(c.name)}+0` : quoteIdent(c.name));

const NUMBER_RE = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
const HEX_RE = /^([0-9A-F]{2})*$/i;

export class KeyValueError extends Error {}

// The literal that compares with the column in its own collation, so the
// chunk's range is the index's range.
export const keyLiteral = (c: TColumn, encoded: string): string => {
  const t = c.dataType.toLowerCase();
  if (NUMERIC.has(t) || ENUMISH.has(t)) {
    if (!NUMBER_RE.test(encoded)) throw new KeyValueError(`key ${c.name}: ${JSON.stringify(encoded.slice(0, 40))} is not a number`);
    return encoded;
  }
  if (!HEX_RE.test(encoded)) throw new KeyValueError(`key ${c.name}: not hex`);
  const bytes = `X'${encoded.toUpperCase()}'`;
  if (BINARY.has(t)) return bytes;
  if (c.charset && c.collation && CHARSET_RE.test(c.charset) && CHARSET_RE.test(c.collation)) return `CONVERT(${bytes} USING ${c.charset}) COLLATE ${c.collation}`;
  // Temporal and other text-like values: the server reads the string.
  return `CONVERT(${bytes} USING utf8mb4)`;
};

// (k1..kn) > (v1..vn) written out, because a row constructor may not use the
// index's range on every server version.
const tupleCompare = (key: TColumn[], values: TKeyValue, op: '>' | '<'): string => {
  const ors: string[] = [];
  for (let i = 0; i < key.length; i++) {
    const ands: string[] = [];
    for (let j = 0; j < i; j++) ands.push(`${keyColumnRef(key[j] as TColumn)} = ${keyLiteral(key[j] as TColumn, values[j] ?? '')}`);
    ands.push(`${keyColumnRef(key[i] as TColumn)} ${op} ${keyLiteral(key[i] as TColumn, values[i] ?? '')}`);
    ors.push(ands.length === 1 ? (ands[0] as string) : `(${ands.join(' AND ')})`);
  }
  return ors.length === 1 ? (ors[0] as string) : `(${ors.join(' OR ')})`;
};

const tupleEquals = (key: TColumn[], values: TKeyValue): string => `(${key.map((c, i) => `${keyColumnRef(c)} = ${keyLiteral(c, values[i] ?? '')}`).join(' AND ')})`;

export type TChunkBounds = { lower: TKeyValue | null; upper: TKeyValue | null };

// lower is exclusive, upper inclusive; null is unbounded.
export const chunkWhere = (key: TColumn[], b: TChunkBounds): string => {
  const parts: string[] = [];
  if (b.lower) parts.push(tupleCompare(key, b.lower, '>'));
  if (b.upper) parts.push(`(${tupleCompare(key, b.upper, '<')} OR ${tupleEquals(key, b.upper)})`);
  return parts.length === 0 ? '1=1' : parts.join(' AND ');
};

const forceIndex = (t: TTableSpec): string => (t.keyName ? ` FORCE INDEX (${quoteIdent(t.keyName)})` : '');

export const chunkQuery = (t: TTableSpec, b: TChunkBounds): string => `SELECT 'chunk', ${chunkChecksumExpr(t.columns)} FROM ${tableRef(t)}${forceIndex(t)} WHERE ${chunkWhere(t.key, b)}`;

// The inclusive upper bound of the next chunk of `rows` rows after `lower`;
// no row means the rest of the table is one last chunk.
export const boundaryQuery = (t: TTableSpec, lower: TKeyValue | null, rows: number): string =>
  `SELECT 'next', ${t.key.map(encodeKeyExpr).join(', ')} FROM ${tableRef(t)}${forceIndex(t)} WHERE ${chunkWhere(t.key, { lower, upper: null })} ORDER BY ${t.key.map((c) => quoteIdent(c.name)).join(', ')} LIMIT 1 OFFSET ${Math.max(0, Math.floor(rows) - 1)}`;

// The session's consistent snapshot: its binlog coordinates and the GTID
// position they stand for (MariaDB: BINLOG_SNAPSHOT_* are set by START
// TRANSACTION WITH CONSISTENT SNAPSHOT, BINLOG_GTID_POS maps them).
const SNAP_VAR = (name: string) => `(SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = '${name}')`;
export const SNAPSHOT_SQL = `START TRANSACTION WITH CONSISTENT SNAPSHOT;
SELECT 'snap', ${SNAP_VAR('BINLOG_SNAPSHOT_FILE')}, ${SNAP_VAR('BINLOG_SNAPSHOT_POSITION')}, COALESCE(BINLOG_GTID_POS(${SNAP_VAR('BINLOG_SNAPSHOT_FILE')}, ${SNAP_VAR('BINLOG_SNAPSHOT_POSITION')}), '');`;

// A statement bounded in time (MariaDB aborts any statement past it).
export const bounded = (seconds: number, sql: string): string => `SET STATEMENT max_statement_time=${Math.max(0.1, Math.round(seconds * 10) / 10)} FOR ${sql}`;

// Shown (display only) for a differing chunk's range.
export const describeKey = (key: TColumn[], values: TKeyValue | null): string | null => {
  if (!values) return null;
  return values
    .map((v, i) => {
      const c = key[i];
      if (!c || NUMERIC.has(c.dataType.toLowerCase()) || ENUMISH.has(c.dataType.toLowerCase())) return v;
      const text = Buffer.from(v, 'hex').toString(BINARY.has(c.dataType.toLowerCase()) ? 'hex' : 'utf8');
      return BINARY.has(c.dataType.toLowerCase()) ? `0x${text}` : text;
    })
    .join(',');
};
