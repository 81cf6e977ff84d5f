import { describe, expect, it } from 'vitest';
import { fixture, fixtureFiles } from '@/test/support/fixture-files';
import { parseMasterStatus, type TMasterStatus } from './master-status';
import { ParseError } from './parse-error';

const DOCS: TMasterStatus = {
  file: 'source-bin.000002',
  position: 1307,
  binlogDoDb: 'test',
  binlogIgnoreDb: 'manual, mysql',
  executedGtidSet: '3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5',
};
const LAB: TMasterStatus = { file: 'node1-bin.000001', position: 1820, binlogDoDb: null, binlogIgnoreDb: null, executedGtidSet: null };

const cases: [string, TMasterStatus][] = [
  ['real-world/master-status__chenliujin-mysql57-table-gtid-col.txt', { file: 'mysql-bin.000001', position: 154, binlogDoDb: null, binlogIgnoreDb: null, executedGtidSet: null }],
  ['real-world/master-status__einsamkeid-sebc-mysql-table.txt', { file: 'mysql_binary_log.000004', position: 294, binlogDoDb: null, binlogIgnoreDb: null, executedGtidSet: null }],
  [
    'real-world/master-status__linkedin-school-of-sre-80-gtid-G.txt',
    { file: 'mysql-bin.000001', position: 73, binlogDoDb: null, binlogIgnoreDb: null, executedGtidSet: 'e17d0920-d00e-11eb-a3e6-000d3aa00f87:1-3' },
  ],
  ['real-world/master-status__mariadb-docs-show-master-status-table.txt', { file: 'mariadb-bin.000016', position: 475, binlogDoDb: null, binlogIgnoreDb: null, executedGtidSet: null }],
  ['real-world/master-status__mysql-docs-57-show-master-status-G.txt', DOCS],
  ['real-world/master-status__mysql-docs-84-show-binary-log-status-G.txt', DOCS],
  ['lab/master-status__lab-mariadb1011-G.txt', LAB],
  ['lab/master-status__lab-mariadb1011-table.txt', LAB],
];

describe('parseMasterStatus on fixtures', () => {
  it('covers every fixture of this kind', () => {
    const all = fixtureFiles('real-world', 'lab').filter((f) => /\/master-status__/.test(f));
    expect(cases.map(([f]) => f).sort()).toEqual(all.sort());
  });

  it.each(cases)('%s', (file, expected) => {
    expect(parseMasterStatus(fixture(file))).toEqual(expected);
  });
});

describe('parseMasterStatus on constructed output', () => {
  it('joins a multi-line Executed_Gtid_Set in \\G form', () => {
    const text = [
      'mysql> SHOW BINARY LOG STATUS\\G',
      '*************************** 1. row ***************************',
      '             File: binlog.000007',
      '         Position: 197',
      '     Binlog_Do_DB: ',
      ' Binlog_Ignore_DB: ',
      'Executed_Gtid_Set: 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,',
      '8e11fa47-71ca-11e1-9e33-c80aa9429562:1-12',
      '1 row in set (0.00 sec)',
    ].join('\n');
    expect(parseMasterStatus(text)).toEqual({
      file: 'binlog.000007',
      position: 197,
      binlogDoDb: null,
      binlogIgnoreDb: null,
      executedGtidSet: '3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,8e11fa47-71ca-11e1-9e33-c80aa9429562:1-12',
    });
  });

  it('joins a multi-line Executed_Gtid_Set in table form', () => {
    const text = [
      '+---------------+----------+--------------+------------------+------------------------------------------+',
      '| File          | Position | Binlog_Do_DB | Binlog_Ignore_DB | Executed_Gtid_Set                        |',
      '+---------------+----------+--------------+------------------+------------------------------------------+',
      '| binlog.000007 |      197 |              |                  | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,',
      '8e11fa47-71ca-11e1-9e33-c80aa9429562:1-12 |',
      '+---------------+----------+--------------+------------------+------------------------------------------+',
    ].join('\n');
    expect(parseMasterStatus(text)?.executedGtidSet).toBe('3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,8e11fa47-71ca-11e1-9e33-c80aa9429562:1-12');
  });

  it('reads batch output', () => {
    expect(parseMasterStatus('File\tPosition\tBinlog_Do_DB\tBinlog_Ignore_DB\nnode2-bin.000003\t342\t\t\n')).toEqual({
      file: 'node2-bin.000003',
      position: 342,
      binlogDoDb: null,
      binlogIgnoreDb: null,
      executedGtidSet: null,
    });
  });

  it.each(['', '\n', 'Empty set (0.00 sec)\n'])('is null when binary logging is off: %j', (text) => {
    expect(parseMasterStatus(text)).toBeNull();
  });

  it('rejects a hand-edited position, other commands and an empty file name', () => {
    // The HEAD version of the einsamkeid fixture has "3029/" as its Position.
    const edited = fixture('real-world/master-status__einsamkeid-sebc-mysql-table.txt').replace('|      294 |', '|    3029/ |');
    expect(() => parseMasterStatus(edited)).toThrow(ParseError);
    expect(() => parseMasterStatus(edited)).toThrow(/Position is not a number: "3029\/"/);
    expect(() => parseMasterStatus('File\tPosition\nb.1\tabc\n')).toThrow(/Position is not a number/);
    expect(() => parseMasterStatus(fixture('lab/slave-status__lab-mariadb1011-healthy-G.txt'))).toThrow(/not SHOW MASTER STATUS/);
    expect(() => parseMasterStatus('*** 1. row ***\nFile:\nPosition: 4\n')).toThrow(/File is empty/);
  });
});
