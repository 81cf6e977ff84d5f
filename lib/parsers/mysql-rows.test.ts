import { describe, expect, it } from 'vitest';
import { parseMysqlRows } from './mysql-rows';
import { catchParseError } from '@/test/support/catch-parse-error';
import { ParseError } from './parse-error';

const rows = (text: string) => parseMysqlRows(text, 'slave-status');
const fails = (text: string): ParseError => catchParseError(() => rows(text));

describe('parseMysqlRows: empty output', () => {
  it.each([
    ['empty string', ''],
    ['blank lines', '\n  \n\n'],
    ['Empty set', 'Empty set (0.00 sec)\n'],
    ['prompt and Empty set', 'mysql> show slave status\\G\nEmpty set (0.001 sec)\n\n'],
  ])('%s gives no rows', (_, text) => {
    expect(rows(text)).toEqual([]);
  });
});

describe('parseMysqlRows: vertical (\\G)', () => {
  it('reads right-aligned keys (one off by a column), empty values and NULL', () => {
    const text = [
      'mysql> show slave status\\G',
      '*************************** 1. row ***************************',
      '             Slave_IO_State: Waiting for master to send event',
      '            Replicate_Do_DB:',
      '         Replicate_Ignore_DB: ',
      '      Seconds_Behind_Master: NULL',
      '1 row in set (0.00 sec)',
    ].join('\n');
    expect(rows(text)).toEqual([
      { Slave_IO_State: 'Waiting for master to send event', Replicate_Do_DB: '', Replicate_Ignore_DB: '', Seconds_Behind_Master: null },
    ]);
  });

  it('splits only at the first ": " after the key', () => {
    const text = '*** 1. row ***\nLast_IO_Error: Got fatal error 1236 from master when reading data from binary log: \'Could not find first log file\'\n';
    expect(rows(text)).toEqual([{ Last_IO_Error: "Got fatal error 1236 from master when reading data from binary log: 'Could not find first log file'" }]);
  });

  it('joins continuation lines of multi-line values with newlines', () => {
    const text = [
      '*************************** 1. row ***************************',
      '           Retrieved_Gtid_Set: a:1-2',
      '            Executed_Gtid_Set: 7664fad8-49fd-11e8-a546-4201c0a8010a:1-5,',
      'ab6dcdf7-2873-11ea-a58e-4201c0a8010c:1-3',
      '                Auto_Position: 1',
    ].join('\n');
    expect(rows(text)).toEqual([
      { Retrieved_Gtid_Set: 'a:1-2', Executed_Gtid_Set: '7664fad8-49fd-11e8-a546-4201c0a8010a:1-5,\nab6dcdf7-2873-11ea-a58e-4201c0a8010c:1-3', Auto_Position: '1' },
    ]);
  });

  it('keeps a misaligned "Word: text" continuation inside the value', () => {
    const text = [
      '*************************** 1. row ***************************',
      '               Last_SQL_Errno: 1062',
      "               Last_SQL_Error: Error 'Duplicate entry' on query. Default database: 'testdb'.",
      "Query: 'insert into t values (1)'",
      '                 Skip_Counter: 0',
    ].join('\n');
    expect(rows(text)).toEqual([
      {
        Last_SQL_Errno: '1062',
        Last_SQL_Error: "Error 'Duplicate entry' on query. Default database: 'testdb'.\nQuery: 'insert into t values (1)'",
        Skip_Counter: '0',
      },
    ]);
  });

  it('reads several rows, stray CRs and the `\\G;` trailer', () => {
    const text = '*** 1. row ***\r\n  A: 1\r\n  B: x\r\n*** 2. row ***\r\n  A: 2\r\n  B: y\r\n2 rows in set (0.00 sec)\r\n\r\nERROR: \r\nNo query specified\r\n';
    expect(rows(text)).toEqual([
      { A: '1', B: 'x' },
      { A: '2', B: 'y' },
    ]);
  });

  it('accepts MariaDB prompts and client warnings', () => {
    const text = "mysql: [Warning] Using a password on the command line interface can be insecure.\nMariaDB [(none)]> show master status\\G\n*** 1. row ***\nFile: b.000001\n";
    expect(rows(text)).toEqual([{ File: 'b.000001' }]);
  });

  it('rejects a row marker with no columns, text before the first key and duplicate keys', () => {
    expect(fails('*** 1. row ***\n').line).toBe(1);
    expect(fails('*** 1. row ***\njust some words\n  A: 1\n').line).toBe(2);
    expect(fails('*** 1. row ***\n  A: 1\n  A: 2\n').message).toMatch(/appears twice/);
  });
});

describe('parseMysqlRows: ASCII table', () => {
  const table = [
    'mysql> SHOW MASTER STATUS;',
    '+------------------+----------+--------------+------------------+',
    '| File             | Position | Binlog_Do_DB | Binlog_Ignore_DB |',
    '+------------------+----------+--------------+------------------+',
    '| mysql-bin.000001 |      154 |              | NULL             |',
    '+------------------+----------+--------------+------------------+',
    '1 row in set (0.00 sec)',
  ].join('\n');

  it('reads header and rows, trimming padding', () => {
    expect(rows(table)).toEqual([{ File: 'mysql-bin.000001', Position: '154', Binlog_Do_DB: '', Binlog_Ignore_DB: null }]);
  });

  it('cuts cells at the border columns, so "|" inside a value is kept', () => {
    const text = ['+---+---------+', '| A | B       |', '+---+---------+', '| 1 | x | y z |', '+---+---------+'].join('\n');
    expect(rows(text)).toEqual([{ A: '1', B: 'x | y z' }]);
  });

  it('joins a row that spills over lines (multi-line GTID set)', () => {
    const text = [
      '+------------------+----------+-------------------+',
      '| File             | Position | Executed_Gtid_Set |',
      '+------------------+----------+-------------------+',
      '| mysql-bin.000003 |      194 | u1:1-5,',
      'u2:1-3 |',
      '+------------------+----------+-------------------+',
    ].join('\n');
    expect(rows(text)).toEqual([{ File: 'mysql-bin.000003', Position: '194', Executed_Gtid_Set: 'u1:1-5,\nu2:1-3' }]);
  });

  it('reads consecutive tables', () => {
    const one = ['+---+', '| A |', '+---+', '| 1 |', '+---+'];
    expect(rows([...one, ...one.map((l) => l.replace('1', '2'))].join('\n'))).toEqual([{ A: '1' }, { A: '2' }]);
  });

  it.each([
    ['no closing border', table.split('\n').slice(0, 5).join('\n')],
    ['cut inside the header', table.split('\n').slice(0, 3).join('\n')],
    ['only the top border', '+------+------+'],
    ['row with too few cells', '+---+---+\n| A | B |\n+---+---+\n| 1 |\n+---+---+'],
    ['mismatched border', '+---+\n| A |\n+----+\n| 1 |\n+---+'],
    ['text after the table', `${table}\ntrailing words`],
  ])('rejects %s', (_, text) => {
    expect(() => rows(text)).toThrow(ParseError);
  });
});

describe('parseMysqlRows: batch (-B)', () => {
  it('reads the header and rows with \\N, NULL, escapes and empty cells', () => {
    const text = 'File\tPosition\tBinlog_Do_DB\tBinlog_Ignore_DB\tExecuted_Gtid_Set\nb.000001\t154\t\t\\N\tu1:1-5,\\nu2:1-3\n';
    expect(rows(text)).toEqual([{ File: 'b.000001', Position: '154', Binlog_Do_DB: '', Binlog_Ignore_DB: null, Executed_Gtid_Set: 'u1:1-5,\nu2:1-3' }]);
  });

  it('keeps a row of empty cells', () => {
    expect(rows('A\tB\n\t\nNULL\tx\n')).toEqual([
      { A: '', B: '' },
      { A: null, B: 'x' },
    ]);
  });

  it('rejects a lone header, a wrong field count and a non-identifier header', () => {
    expect(fails('File\tPosition\n').message).toMatch(/without rows/);
    expect(fails('A\tB\n1\t2\t3\n').line).toBe(2);
    expect(fails('hello world\nfoo\n').line).toBe(1);
  });
});

describe('parseMysqlRows: errors', () => {
  it('turns a server error into ParseError carrying its text', () => {
    const e = fails("ERROR 1045 (28000): Access denied for user 'tandem'@'localhost' (using password: YES)\n");
    expect(e.kind).toBe('slave-status');
    expect(e.line).toBe(1);
    expect(e.message).toContain('Access denied');
  });

  it('rejects a non-string input with ParseError', () => {
    expect(() => parseMysqlRows(undefined as unknown as string, 'master-status')).toThrow(ParseError);
  });
});
