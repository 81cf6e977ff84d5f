import { describe, expect, it } from 'vitest';
import { fixture } from '@/test/support/fixture-files';
import { ParseError } from './parse-error';
import { parseSlaveStatus, parseSlaveStatuses } from './slave-status';

describe('parseSlaveStatus on constructed output', () => {
  it.each(['', 'Empty set (0.00 sec)\n', "mysql> SHOW REPLICA STATUS\\G\nEmpty set, 1 warning (0.00 sec)\n"])('is null for a server that is not a replica: %j', (text) => {
    expect(parseSlaveStatus(text)).toBeNull();
    expect(parseSlaveStatuses(text)).toEqual([]);
  });

  it('returns every row of multi-source output and the first from parseSlaveStatus', () => {
    const text = [
      '*************************** 1. row ***************************',
      '   Connection_name: a',
      '  Slave_IO_Running: connecting',
      ' Slave_SQL_Running: YES',
      '       Master_Host: 10.0.0.1',
      '*************************** 2. row ***************************',
      '   Connection_name: b',
      '  Slave_IO_Running: Preparing',
      ' Slave_SQL_Running: constructor',
      '       Master_Host: 10.0.0.2',
    ].join('\n');
    const all = parseSlaveStatuses(text);
    expect(all.map((s) => [s.channelName, s.ioRunning, s.sqlRunning, s.sourceHost, s.flavor])).toEqual([
      ['a', 'Connecting', 'Yes', '10.0.0.1', 'mariadb'],
      ['b', 'Preparing', 'constructor', '10.0.0.2', 'mariadb'],
    ]);
    expect(parseSlaveStatus(text)).toEqual(all[0]);
  });

  it('reads batch (-B) output with MySQL 8.0.22+ names', () => {
    const text = 'Replica_IO_Running\tReplica_SQL_Running\tSource_Host\tSeconds_Behind_Source\tAuto_Position\tExecuted_Gtid_Set\nYes\tYes\tdb1\tNULL\t0\tu1:1-5,\\nu2:1-3\n';
    expect(parseSlaveStatus(text)).toMatchObject({ ioRunning: 'Yes', sourceHost: 'db1', secondsBehindSource: null, usingGtid: 'No', executedGtidSet: 'u1:1-5,u2:1-3', flavor: 'mysql' });
  });

  it('rejects rows that are not SHOW SLAVE STATUS output', () => {
    expect(() => parseSlaveStatus(fixture('real-world/master-status__mysql-docs-57-show-master-status-G.txt'))).toThrow(ParseError);
    expect(() => parseSlaveStatus('*** 1. row ***\nSlave_IO_State: x\n')).toThrow(/not SHOW SLAVE STATUS/);
  });
});
