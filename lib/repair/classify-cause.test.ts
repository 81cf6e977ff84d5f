import { describe, expect, it } from 'vitest';
import { parseSlaveStatus } from '@/lib/parsers/slave-status';
import { fixture } from '@/test/support/fixture-files';
import { classifyCause, isRunningCleanly, type TReplicationThreads } from './classify-cause';
import { CAUSE_CODES, type TCauseCode } from './types';

const names = { node: 'node2', source: 'node1' };
const fromFixture = (file: string): TReplicationThreads => {
  const s = parseSlaveStatus(fixture(file));
  if (!s) throw new Error(`${file} is not a replica's status`);
  return s;
};
const running: TReplicationThreads = { ioRunning: 'Yes', sqlRunning: 'Yes', lastIoErrno: 0, lastIoError: null, lastSqlErrno: 0, lastSqlError: null };
const io = (errno: number, error: string, state = 'No'): TReplicationThreads => ({ ...running, ioRunning: state, lastIoErrno: errno, lastIoError: error });
const sql = (errno: number, error: string): TReplicationThreads => ({ ...running, sqlRunning: 'No', lastSqlErrno: errno, lastSqlError: error });
const fatal = (text: string) => `Got fatal error 1236 from master when reading data from binary log: '${text}'`;

// Recorded outputs where they exist (real-world samples and the lab's own
// faults), MariaDB's message texts (sql/sql_repl.cc, share/errmsg-utf8.txt)
// for the rest.
const CASES: [string, TReplicationThreads, TCauseCode, 'io' | 'sql', number | null][] = [
  ['lab: break-binlog', fromFixture('lab/slave-status__lab-mariadb1011-io1236-G.txt'), 'binlog-purged', 'io', 1236],
  ['lab --gtid: binlogs purged', fromFixture('lab/slave-status__lab-mariadb1011-gtid-io1236-G.txt'), 'gtid-purged', 'io', 1236],
  ['MySQL 5.6 auto-position, GTIDs purged', fromFixture('real-world/slave-status__zwjtech-dba-mysql56-gtid-io1236.txt'), 'gtid-purged', 'io', 1236],
  ['RDS: impossible position', fromFixture('real-world/slave-status__awsdocs-rds-mysql-io1236-truncated.txt'), 'position-past-end', 'io', 1236],
  ['MySQL 5.1: binary log not open', fromFixture('real-world/slave-status__gwenlei-linux-mysql5173-io1236-binlog-not-open.txt'), 'binlog-not-open', 'io', 1236],
  ['MySQL 5.6: duplicate entry (statement)', fromFixture('real-world/slave-status__vishalsinha21-mysql56-dup1062.txt'), 'duplicate-key', 'sql', 1062],
  ['MySQL 5.6: table does not exist', fromFixture('real-world/slave-status__zwjtech-dba-mysql56-gtid-sql1146.txt'), 'table-missing', 'sql', 1146],
  ['lab: both threads stopped by hand', fromFixture('lab/slave-status__lab-mariadb1011-stopped-G.txt'), 'stopped-by-hand', 'io', null],
  ['lab: stop-replication node2 sql', fromFixture('lab/slave-status__lab-mariadb1011-stopped-sql-G.txt'), 'stopped-by-hand', 'sql', null],
  ['lab: conflict (row event)', fromFixture('lab/slave-status__lab-mariadb1011-sql1062-G.txt'), 'duplicate-key', 'sql', 1062],
  ['lab: missing-row', fromFixture('lab/slave-status__lab-mariadb1011-sql1032-G.txt'), 'row-not-found', 'sql', 1032],
  ['lab: corrupt-relay', fromFixture('lab/slave-status__lab-mariadb1011-sql1594-G.txt'), 'relay-log-corrupt', 'sql', 1594],
  ['lab: break-grant', fromFixture('lab/slave-status__lab-mariadb1011-io1045-G.txt'), 'access-denied', 'io', 1045],
  ['lab: the source\'s mysqld stopped', fromFixture('lab/slave-status__lab-mariadb1011-io2003-G.txt'), 'cannot-connect', 'io', 2003],
  ['GTID diverged', io(1236, fatal("Error: connecting slave requested to start from GTID 0-2-980, which is not in the master's binlog. Since the master's binlog contains GTIDs with higher sequence numbers, it probably means that the slave has diverged due to executing extra erroneous transactions")), 'gtid-diverged', 'io', 1236],
  ['GTID ahead of the source', io(1236, fatal("Error: connecting slave requested to start from GTID 0-1-3, which is not in the master's binlog")), 'gtid-diverged', 'io', 1236],
  ['GTID hole in strict mode', io(1236, fatal('The binlog on the master is missing the GTID 0-1-3 requested by the slave (even though both a prior and a subsequent sequence number does exist), and GTID strict mode is enabled')), 'gtid-hole', 'io', 1236],
  ['event larger than max_allowed_packet', io(1236, fatal("log event entry exceeded max_allowed_packet; Increase max_allowed_packet on master; the first event 'node1-bin.000003' at 4, the last event read from 'node1-bin.000003' at 1234, the last byte read from 'node1-bin.000003' at 1253.")), 'event-too-large', 'io', 1236],
  ['an unknown 1236', io(1236, fatal('something new')), 'source-error-1236', 'io', 1236],
  ['out-of-order GTID', sql(1950, 'An attempt was made to binlog GTID 0-2-7 which would create an out-of-order sequence number with existing GTID 0-1-9, and gtid strict mode is enabled'), 'out-of-order-gtid', 'sql', 1950],
  ['the IO thread stopped by hand', { ...running, ioRunning: 'No' }, 'stopped-by-hand', 'io', null],
  ['another SQL error', sql(1205, 'Lock wait timeout exceeded; try restarting transaction'), 'sql-error', 'sql', 1205],
  ['another IO error', io(1593, 'Fatal error: The slave I/O thread stops because master and slave have equal MariaDB server ids'), 'io-error', 'io', 1593],
];

describe('classifyCause', () => {
  it.each(CASES)('%s → %s', (_, status, code, thread, errno) => {
    const c = classifyCause(status, names);
    expect(c).toMatchObject({ code, thread, errno });
    expect(c?.explanation.length).toBeGreaterThan(60);
  });

  it('covers every cause code', () => {
    expect(new Set(CASES.map(([, , code]) => code))).toEqual(new Set(CAUSE_CODES));
  });

  it('finds nothing wrong while both threads run, even with an old error left in the status', () => {
    expect(classifyCause(running, names)).toBeNull();
    expect(classifyCause({ ...running, lastIoErrno: 2003, lastIoError: 'old' }, names)).toBeNull();
    expect(isRunningCleanly(fromFixture('lab/slave-status__lab-mariadb1011-healthy-G.txt'))).toBe(true);
  });

  it('puts a SQL error first: it means the data differ, whatever the IO thread does', () => {
    const both = { ...io(2003, 'x', 'Connecting'), sqlRunning: 'No', lastSqlErrno: 1062, lastSqlError: 'Duplicate entry' };
    expect(classifyCause(both, names)).toMatchObject({ code: 'duplicate-key', thread: 'sql' });
  });

  it('calls an IO thread that keeps connecting without an error cannot-connect, and names both stopped threads', () => {
    expect(classifyCause({ ...running, ioRunning: 'Connecting' }, names)).toMatchObject({ code: 'cannot-connect', errno: null });
    expect(classifyCause({ ...running, ioRunning: 'No', sqlRunning: 'No' }, names)?.explanation).toMatch(/^Both replication threads on node2 stopped/);
  });
});
