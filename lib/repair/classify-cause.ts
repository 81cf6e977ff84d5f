import { classify1236, type T1236Cause } from '@/lib/health/classify-1236';
import type { TCauseCode } from './types';

// What broke one node's replication, from its SHOW SLAVE STATUS alone (the
// parsed TSlaveStatus and the monitor's TReplicationView both fit). Pure:
// what can be done about it depends on more than the status (repair-options.ts).

export type TReplicationThreads = {
  ioRunning: string | null;
  sqlRunning: string | null;
  lastIoErrno: number | null;
  lastIoError: string | null;
  lastSqlErrno: number | null;
  lastSqlError: string | null;
};

export type TClassifiedCause = { thread: 'io' | 'sql'; errno: number | null; error: string | null; code: TCauseCode; explanation: string };

// Running cleanly means both threads run. An error left over from before a
// successful reconnect does not count.
export const isRunningCleanly = (r: TReplicationThreads): boolean => r.ioRunning === 'Yes' && r.sqlRunning === 'Yes';

const FROM_1236: Record<T1236Cause, TCauseCode> = {
  'missing-binlog-file': 'binlog-purged',
  'purged-gtids': 'gtid-purged',
  'gtid-diverged': 'gtid-diverged',
  'gtid-hole': 'gtid-hole',
  'position-past-end': 'position-past-end',
  'event-too-large': 'event-too-large',
  'binlog-not-open': 'binlog-not-open',
  unknown: 'source-error-1236',
};

// Client errors the IO thread reports when it cannot reach the source at all:
// 2002/2003 no server listening or no route, 2005 unknown host, 2013 the
// connection dropped during the handshake.
const CONNECT_ERRNOS = new Set([2002, 2003, 2005, 2013]);

const ioCode = (errno: number, error: string | null): TCauseCode => {
  if (errno === 1236) return FROM_1236[classify1236(error)];
  if (errno === 1045) return 'access-denied';
  if (CONNECT_ERRNOS.has(errno)) return 'cannot-connect';
  if (errno === 1950) return 'out-of-order-gtid';
  return 'io-error';
};

const sqlCode = (errno: number): TCauseCode => {
  switch (errno) {
    case 1062:
      return 'duplicate-key';
    case 1032:
      return 'row-not-found';
    case 1146:
      return 'table-missing';
    case 1594:
      return 'relay-log-corrupt';
    case 1950:
      return 'out-of-order-gtid';
    default:
      return 'sql-error';
  }
};

// What each cause means, in the operator's words; `source` names the node
// the replica reads from.
export const explainCause = (code: TCauseCode, ctx: { node: string; source: string; thread: 'io' | 'sql'; errno: number | null; stopped?: string }): string => {
  const { node, source } = ctx;
  switch (code) {
    case 'binlog-purged':
      return `${source} no longer has the binary log file ${node} needs next (purged by expire_logs_days or PURGE BINARY LOGS, or RESET MASTER). The events in it are gone for good: repositioning to a later file skips them and the data diverges.`;
    case 'gtid-purged':
      return `${source} purged the binary logs holding GTIDs ${node} has not applied yet. Those transactions can no longer be replicated; moving gtid_slave_pos past them loses them silently.`;
    case 'gtid-diverged':
      return `${node} asks ${source} for a GTID ${source} never logged: ${node} holds transactions ${source} does not have (a write on the passive node, or MASTER_USE_GTID=current_pos picking up a local write), or ${source} lost the tail of its binlog in a crash.`;
    case 'gtid-hole':
      return `${source}'s binlog lacks a GTID ${node} asks for although earlier and later ones exist (a filtered or skipped transaction), and gtid_strict_mode refuses to step over it.`;
    case 'position-past-end':
      return `${node} asks for a position beyond the end of ${source}'s binary log: ${source} most likely crashed with sync_binlog other than 1 and lost the tail of the file, so ${node} may hold transactions ${source} no longer has.`;
    case 'event-too-large':
      return `An event in ${source}'s binary log is larger than max_allowed_packet (slave_max_allowed_packet on ${node}), so ${node} cannot receive it.`;
    case 'binlog-not-open':
      return `${source} has binary logging switched off: there is nothing for ${node} to replicate.`;
    case 'source-error-1236':
      return `${source} refused to send its binary log (error 1236) for a reason Tandem does not recognise; read the full message and ${source}'s error log.`;
    case 'duplicate-key':
      return `${node}'s SQL thread stopped: a row replicated from ${source} has a key ${node} already holds. ${node} got that row some other way (a write straight onto it, both nodes taking writes, or an event applied twice), so the two nodes differ.`;
    case 'row-not-found':
      return `${node}'s SQL thread stopped: ${source} updated or deleted a row that ${node} does not have (an earlier skip, or a delete made on ${node} alone), so the two nodes differ.`;
    case 'table-missing':
      return `${node}'s SQL thread stopped: an event from ${source} changes a table ${node} does not have (created with sql_log_bin=0 or filtered on ${source}, a DDL skipped earlier, or lower_case_table_names differs). Skipping it would make every later event on that table fail or drift.`;
    case 'relay-log-corrupt':
      return `${node}'s SQL thread cannot read its relay log (a crash or a full disk while the IO thread wrote it, or a corrupt event in ${source}'s binary log). The events can be fetched again from ${source} from the last applied position.`;
    case 'access-denied':
      return `${source} refuses ${node}'s replication user (error 1045): its password was changed or the user dropped (DROP USER replicates in a ring), or the account's host does not match ${node}'s address. The IO thread keeps retrying with the credentials it has.`;
    case 'cannot-connect':
      return ctx.errno === null
        ? `${node}'s IO thread is still connecting to ${source} and has reported no error yet.`
        : `${node}'s IO thread cannot reach ${source} (error ${ctx.errno}): mysqld there is down, the network between them is cut, or ${source} listens on another address or port. The IO thread retries by itself (MASTER_CONNECT_RETRY).`;
    case 'out-of-order-gtid':
      return `gtid_strict_mode refused a transaction whose GTID sequence number is lower than one already logged (error 1950): both nodes wrote in the same domain (a split brain) or a write was made on the replica. The nodes' data conflict.`;
    case 'stopped-by-hand':
      return `${ctx.stopped ?? `The ${ctx.thread.toUpperCase()} thread`} on ${node} stopped without an error: someone ran STOP SLAVE (or the server started with skip-slave-start).`;
    case 'sql-error':
      return `${node}'s SQL thread stopped on an error applying an event from ${source}; read the message, fix what it names, then start the thread.`;
    case 'io-error':
      return `${node}'s IO thread stopped on an error reading from ${source}; read the message, fix what it names, then reconnect.`;
  }
};

// null: both threads run.
export const classifyCause = (r: TReplicationThreads, names: { node: string; source: string }): TClassifiedCause | null => {
  if (isRunningCleanly(r)) return null;
  const make = (thread: 'io' | 'sql', errno: number | null, error: string | null, code: TCauseCode, stopped?: string): TClassifiedCause => ({
    thread,
    errno,
    error,
    code,
    explanation: explainCause(code, { ...names, thread, errno, stopped }),
  });
  // A SQL error first: it says the data differ, whatever the IO thread does.
  if (r.sqlRunning !== 'Yes' && r.lastSqlErrno) return make('sql', r.lastSqlErrno, r.lastSqlError, sqlCode(r.lastSqlErrno));
  if (r.ioRunning !== 'Yes' && r.lastIoErrno) return make('io', r.lastIoErrno, r.lastIoError, ioCode(r.lastIoErrno, r.lastIoError));
  if (r.ioRunning === 'Connecting') return make('io', null, null, 'cannot-connect');
  const ioStopped = r.ioRunning !== 'Yes';
  const sqlStopped = r.sqlRunning !== 'Yes';
  const stopped = ioStopped && sqlStopped ? 'Both replication threads' : ioStopped ? 'The IO thread' : 'The SQL thread';
  return make(ioStopped ? 'io' : 'sql', null, null, 'stopped-by-hand', stopped);
};
