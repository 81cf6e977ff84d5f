// SQL built from text that came from elsewhere (an error message, a decoded
// binlog event, a server's own catalog): identifiers and values are always
// quoted here, never pasted.

export class UnsafeSqlTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeSqlTextError';
  }
}

// A backtick-quoted identifier; a backtick inside is doubled. MariaDB names
// are at most 64 characters and cannot hold NUL.
export const quoteIdentifier = (name: string): string => {
  if (name.length === 0 || name.length > 64) throw new UnsafeSqlTextError(`not an identifier: ${JSON.stringify(name.slice(0, 80))}`);
  if (name.includes('\0')) throw new UnsafeSqlTextError('an identifier cannot contain NUL');
  return `\`${name.replace(/`/g, '``')}\``;
};

// A string value as hex bytes converted to text: no quote, backslash or
// sql_mode (NO_BACKSLASH_ESCAPES) can change what it means. Compared with a
// numeric column it converts like any string literal.
export const sqlString = (value: string): string => `CONVERT(X'${Buffer.from(value, 'utf8').toString('hex')}' USING utf8mb4)`;

// Raw bytes (a BINARY/VARBINARY/BLOB value given as 0x… hex).
export const sqlHexBytes = (hex: string): string => {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new UnsafeSqlTextError('not hex bytes');
  return `X'${hex}'`;
};

// A string literal for people to read and paste ('repl'@'198.18.0.%'):
// quotes and backslashes escaped the way the server reads them by default.
export const displayString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
