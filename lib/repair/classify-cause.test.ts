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
  ['GTID diverged', io(1236, fatal("Error: connecting slave requested to start from GTID 0-2-980, which is not in the master's binlog. Since the master's binlog contains GTIDs with higher sequence numbers, it probably means that the slave has diverged due to executing extra erroneous transactions")), 'gtid-diverged', 'io', 1236],
  ['GTID ahead of the source', io(1236, fatal("Error: connecting slave requested to start from GTID 0-1-3, which is not in the master's binlog")), 'gtid-diverged', 'io', 1236],
  ['GTID hole in strict mode', io(1236, fatal('The binlog on the master is missing the GTID 0-1-3 requested by the slave (even though both a prior and a subsequent sequence number does exist), and GTID strict mode is enabled')), 'gtid-hole', 'io', 1236],
  ['event larger than max_allowed_packet', io(1236, fatal("log event entry exceeded max_allowed_packet; Increase max_allowed_packet on master; the first event 'node1-bin.000003' at 4, the last event read from 'node1-bin.000003' at 1234, the last byte read from 'node1-bin.000003' at 1253.")), 'event-too-large', 'io', 1236],
  ['an unknown 1236', io(1236, fatal('something new')), 'source-error-1236', 'io', 1236],
  ['row not found', sql(1032, "Could not execute Update_rows_v1 event on table app.filler; Can't find record in 'filler', Error_code: 1032; handler error HA_ERR_KEY_NOT_FOUND; the event's master log node1-bin.000001, end_log_pos 2345"), 'row-not-found', 'sql', 1032],
  ['relay log read failure', sql(1594, "Relay log read failure: Could not parse relay log event entry. The possible reasons are: the master's binary log is corrupted (you can check this by running 'mysqlbinlog' on the binary log), the slave's relay log is corrupted (you can check this by running 'mysqlbinlog' on the relay log), a network problem, or a bug in the master's or slave's MySQL code. If you want to check the master's binary log or slave's relay log, you will be able to know their names by issuing 'SHOW SLAVE STATUS' on this slave."), 'relay-log-corrupt', 'sql', 1594],
  ['access denied', io(1045, "error connecting to master 'repl@198.18.0.11:3306' - retry-time: 1  maximum-retries: 100000  message: Access denied for user 'repl'@'198.18.0.12' (using password: YES)", 'Connecting'), 'access-denied', 'io', 1045],
  ['cannot connect', io(2003, "error connecting to master 'repl@198.18.0.11:3306' - retry-time: 1  maximum-retries: 100000  message: Can't connect to MySQL server on '198.18.0.11' (111 \"Connection refused\")", 'Connecting'), 'cannot-connect', 'io', 2003],
  ['out-of-order GTID', sql(1950, 'An attempt was made to binlog GTID 0-2-7 which would create an out-of-order sequence number with existing GTID 0-1-9, and gtid strict mode is enabled'), 'out-of-order-gtid', 'sql', 1950],
  ['the SQL thread stopped by hand', { ...running, sqlRunning: 'No' }, 'stopped-by-hand', 'sql', null],
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
