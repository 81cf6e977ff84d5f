// The one mapping from server column names to TSlaveStatus fields.
//
// `legacy` is the SHOW SLAVE STATUS vocabulary (MySQL before 8.0.22, every
// MariaDB version, RDS's mysql.rds_replica_status); `modern` is MySQL 8.0.22+
// SHOW REPLICA STATUS. Where a column exists under several names (MySQL's
// Channel_Name vs MariaDB's Connection_name) the first one present wins.
export type TColumnType = 'text' | 'int' | 'running' | 'gtid';
export type TNaming = 'legacy' | 'modern';

export type TColumnSpec<T extends TColumnType = TColumnType> = { legacy: readonly string[]; modern: readonly string[]; type: T };

const same = <T extends TColumnType>(type: T, ...names: string[]): TColumnSpec<T> => ({ legacy: names, modern: names, type });
const renamed = <T extends TColumnType>(type: T, legacy: string, modern: string): TColumnSpec<T> => ({ legacy: [legacy], modern: [modern], type });

export const SLAVE_STATUS_COLUMNS = {
  channelName: same('text', 'Channel_Name', 'Connection_name'),
  slaveIoState: renamed('text', 'Slave_IO_State', 'Replica_IO_State'),
  ioRunning: renamed('running', 'Slave_IO_Running', 'Replica_IO_Running'),
  sqlRunning: renamed('running', 'Slave_SQL_Running', 'Replica_SQL_Running'),
  sqlRunningState: renamed('text', 'Slave_SQL_Running_State', 'Replica_SQL_Running_State'),
  secondsBehindSource: renamed('int', 'Seconds_Behind_Master', 'Seconds_Behind_Source'),
  sourceHost: renamed('text', 'Master_Host', 'Source_Host'),
  sourcePort: renamed('int', 'Master_Port', 'Source_Port'),
  sourceUser: renamed('text', 'Master_User', 'Source_User'),
  sourceServerId: renamed('int', 'Master_Server_Id', 'Source_Server_Id'),
  sourceUuid: renamed('text', 'Master_UUID', 'Source_UUID'),
  sourceLogFile: renamed('text', 'Master_Log_File', 'Source_Log_File'),
  readSourceLogPos: renamed('int', 'Read_Master_Log_Pos', 'Read_Source_Log_Pos'),
  relaySourceLogFile: renamed('text', 'Relay_Master_Log_File', 'Relay_Source_Log_File'),
  execSourceLogPos: renamed('int', 'Exec_Master_Log_Pos', 'Exec_Source_Log_Pos'),
  // Where the SQL thread stands in the replica's own relay log: the start of
  // the event group it failed on (the repair diagnosis decodes it from there).
  relayLogFile: same('text', 'Relay_Log_File'),
  relayLogPos: same('int', 'Relay_Log_Pos'),
  lastIoErrno: same('int', 'Last_IO_Errno'),
  lastIoError: same('text', 'Last_IO_Error'),
  lastIoErrorTimestamp: same('text', 'Last_IO_Error_Timestamp'),
  lastSqlErrno: same('int', 'Last_SQL_Errno'),
  lastSqlError: same('text', 'Last_SQL_Error'),
  lastSqlErrorTimestamp: same('text', 'Last_SQL_Error_Timestamp'),
  sqlDelay: same('int', 'SQL_Delay'),
  sqlRemainingDelay: same('int', 'SQL_Remaining_Delay'),
  replicateIgnoreServerIds: same('text', 'Replicate_Ignore_Server_Ids'),
  gtidIoPos: same('gtid', 'Gtid_IO_Pos'),
  retrievedGtidSet: same('gtid', 'Retrieved_Gtid_Set'),
  executedGtidSet: same('gtid', 'Executed_Gtid_Set'),
} as const satisfies Record<string, TColumnSpec>;

export type TMappedField = keyof typeof SLAVE_STATUS_COLUMNS;

// Columns only MariaDB prints (MySQL never had them under any name).
export const MARIADB_ONLY_COLUMNS: readonly string[] = [
  'Using_Gtid',
  'Gtid_IO_Pos',
  'Gtid_Slave_Pos',
  'Parallel_Mode',
  'Replicate_Do_Domain_Ids',
  'Replicate_Ignore_Domain_Ids',
  'Slave_DDL_Groups',
  'Slave_Non_Transactional_Groups',
  'Slave_Transactional_Groups',
  'Connection_name',
  'Slave_SQL_State',
];
