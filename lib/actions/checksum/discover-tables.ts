import { runSql } from '@/agents/action-sql';
import type { TNodeTarget } from '@/agents/node-target';
import type { TSshPool } from '@/agents/ssh-pool';
import { quoteString, type TColumn, type TTableSpec } from './chunk-sql';

// Schemas the drift check leaves out unless listed: the server's own, and
// Tandem's (its heartbeat rows are per node by design).
export const SYSTEM_SCHEMAS = ['mysql', 'information_schema', 'performance_schema', 'sys', 'tandem'];

export type TDiscovered = { tables: (TTableSpec & { estimatedRows: number; dataBytes: number })[] };

// Names travel as hex: a schema, table or column name may hold any byte,
// and the client's tab-separated output must not be able to split it.
const unhex = (h: string | undefined): string => Buffer.from(h ?? '', 'hex').toString('utf8');

const schemaFilter = (schemas: string[] | null): string =>
  schemas && schemas.length > 0 ? `IN (${schemas.map(quoteString).join(', ')})` : `NOT IN (${SYSTEM_SCHEMAS.map(quoteString).join(', ')})`;

// Every base table of the schemas, its columns in order and the key the
// check walks: the primary key, else the narrowest unique index over NOT
// NULL columns without prefixes; none means the table is one chunk.
export const discoverTables = async (pool: TSshPool, target: TNodeTarget, schemas: string[] | null, timeoutMs = 30_000): Promise<TDiscovered> => {
  const where = `TABLE_SCHEMA ${schemaFilter(schemas)}`;
  const sql = [
    `SELECT 'table', HEX(TABLE_SCHEMA), HEX(TABLE_NAME), COALESCE(TABLE_ROWS, 0), COALESCE(DATA_LENGTH, 0) FROM information_schema.TABLES WHERE ${where} AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME;`,
    `SELECT 'col', HEX(TABLE_SCHEMA), HEX(TABLE_NAME), HEX(COLUMN_NAME), DATA_TYPE, IS_NULLABLE, COALESCE(CHARACTER_SET_NAME, ''), COALESCE(COLLATION_NAME, '') FROM information_schema.COLUMNS WHERE ${where} ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION;`,
    `SELECT 'key', HEX(TABLE_SCHEMA), HEX(TABLE_NAME), HEX(INDEX_NAME), NON_UNIQUE, HEX(COLUMN_NAME), COALESCE(SUB_PART, 0) FROM information_schema.STATISTICS WHERE ${where} ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX;`,
  ].join('\n');
  const rows = await runSql(pool, target, sql, timeoutMs);
  const tables = new Map<string, TDiscovered['tables'][number]>();
  const idOf = (s: string | undefined, t: string | undefined) => `${s ?? ''}.${t ?? ''}`;
  type TIndex = { unique: boolean; columns: string[]; prefixed: boolean };
  const indexes = new Map<string, Map<string, TIndex>>();
  for (const r of rows) {
    const [kind, s, t] = r;
    const id = idOf(s, t);
    if (kind === 'table') tables.set(id, { schema: unhex(s), table: unhex(t), columns: [], key: [], keyName: null, estimatedRows: Number(r[3]) || 0, dataBytes: Number(r[4]) || 0 });
    else if (kind === 'col') {
      const table = tables.get(id);
      if (!table) continue;
      const column: TColumn = { name: unhex(r[3]), dataType: (r[4] ?? '').toLowerCase(), nullable: r[5] === 'YES', charset: r[6] || null, collation: r[7] || null };
      table.columns.push(column);
    } else if (kind === 'key') {
      const perTable = indexes.get(id) ?? new Map<string, TIndex>();
      indexes.set(id, perTable);
      const name = unhex(r[3]);
      const index = perTable.get(name) ?? { unique: r[4] === '0', columns: [], prefixed: false };
      index.columns.push(unhex(r[5]));
      if (Number(r[6]) > 0) index.prefixed = true;
      perTable.set(name, index);
    }
  }
  for (const [id, table] of tables) {
    const candidates = [...(indexes.get(id) ?? new Map<string, TIndex>()).entries()]
      .filter(([, ix]) => ix.unique && !ix.prefixed)
      .map(([name, ix]) => ({ name, columns: ix.columns.map((c) => table.columns.find((col) => col.name === c)) }))
      .filter((ix): ix is { name: string; columns: TColumn[] } => ix.columns.every((c) => c !== undefined && !c.nullable))
      .sort((a, b) => (a.name === 'PRIMARY' ? -1 : b.name === 'PRIMARY' ? 1 : a.columns.length - b.columns.length));
    const chosen = candidates[0];
    if (chosen) {
      table.key = chosen.columns;
      table.keyName = chosen.name;
    }
  }
  return { tables: [...tables.values()] };
};

// What differs between the two nodes' definitions: a table on one node
// only, or columns that are not the same list.
export const definitionDifference = (a: TTableSpec | undefined, b: TTableSpec | undefined, names: [string, string]): string | null => {
  if (!a) return `missing on ${names[0]}`;
  if (!b) return `missing on ${names[1]}`;
  const sig = (t: TTableSpec) => t.columns.map((c) => `${c.name}:${c.dataType}:${c.nullable}`).join(',');
  if (sig(a) !== sig(b)) return `columns differ (${names[0]}: ${a.columns.map((c) => c.name).join(', ')}; ${names[1]}: ${b.columns.map((c) => c.name).join(', ')})`;
  return null;
};
