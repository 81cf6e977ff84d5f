import { ParseError } from './parse-error';
import { toInt } from './input-text';
import { parseMysqlRows } from './mysql-rows';

export type TMasterStatus = {
  file: string;
  position: number;
  binlogDoDb: string | null;
  binlogIgnoreDb: string | null;
  executedGtidSet: string | null;
};

const orNull = (value: string | null | undefined): string | null => {
  const t = value?.trim() ?? '';
  return t === '' ? null : t;
};

// SHOW MASTER STATUS (MySQL <= 8.0, MariaDB) and SHOW BINARY LOG STATUS
// (MySQL 8.4+) print the same columns; MariaDB and pre-5.6 MySQL have no
// Executed_Gtid_Set. Empty output means binary logging is off: null.
export const parseMasterStatus = (text: string): TMasterStatus | null => {
  const row = parseMysqlRows(text, 'master-status')[0];
  if (!row) return null;
  if (!Object.hasOwn(row, 'File') || !Object.hasOwn(row, 'Position')) throw new ParseError('master-status', 'no File/Position columns: not SHOW MASTER STATUS output');
  const file = orNull(row.File);
  if (file === null) throw new ParseError('master-status', 'File is empty');
  const position = toInt(row.Position);
  if (position === null || position < 0) throw new ParseError('master-status', `Position is not a number: "${row.Position ?? 'NULL'}"`);
  return {
    file,
    position,
    binlogDoDb: orNull(row.Binlog_Do_DB),
    binlogIgnoreDb: orNull(row.Binlog_Ignore_DB),
    // Multi-line in the client output: wrapped after each comma.
    executedGtidSet: orNull(row.Executed_Gtid_Set?.replace(/\s+/g, '')),
  };
};
