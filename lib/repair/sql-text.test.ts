import { describe, expect, it } from 'vitest';
import { hostileArguments } from '@/test/support/hostile-arguments';
import { displayString, quoteIdentifier, sqlHexBytes, sqlString, UnsafeSqlTextError } from './sql-text';

describe('SQL text from untrusted sources', () => {
  it('quotes identifiers with backticks, doubling any inside, and refuses what no identifier can be', () => {
    expect(quoteIdentifier('filler')).toBe('`filler`');
    expect(quoteIdentifier('a`; DROP TABLE x; --')).toBe('`a``; DROP TABLE x; --`');
    expect(() => quoteIdentifier('')).toThrow(UnsafeSqlTextError);
    expect(() => quoteIdentifier('x'.repeat(65))).toThrow(UnsafeSqlTextError);
    expect(() => quoteIdentifier('a\0b')).toThrow(UnsafeSqlTextError);
  });

  it('turns any value into hex bytes: no quote, backslash or newline survives as SQL', () => {
    for (const value of [...hostileArguments('/tmp/canary'), "' OR 1=1 --", '\\', "\\'", '5']) {
      const sql = sqlString(value);
      expect(sql).toMatch(/^CONVERT\(X'[0-9a-f]*' USING utf8mb4\)$/);
      expect(Buffer.from(/X'([0-9a-f]*)'/.exec(sql)?.[1] ?? '', 'hex').toString('utf8')).toBe(value);
    }
    expect(sqlHexBytes('00ff41')).toBe("X'00ff41'");
    expect(() => sqlHexBytes("41' OR '1")).toThrow(UnsafeSqlTextError);
  });

  it('shows strings for people to paste with quotes and backslashes escaped', () => {
    expect(displayString("o'brien\\")).toBe("'o\\'brien\\\\'");
  });
});
