// Error 1236 ("fatal error reading binlog") has several causes that need
// different repairs; the message text is the only place they differ.
export type T1236Cause = 'missing-binlog-file' | 'purged-gtids' | 'gtid-diverged' | 'gtid-hole' | 'position-past-end' | 'binlog-not-open' | 'event-too-large' | 'unknown';

// Checked in order. The GTID texts are MariaDB's (sql/sql_repl.cc); the two
// "not in the master's binlog" variants both mean the replica asks for a
// GTID the source never logged (it has transactions the source lacks, or the
// source lost its tail), so they come before the purge patterns.
const PATTERNS: [T1236Cause, RegExp][] = [
  ['gtid-hole', /missing the GTID .* \(even though both a prior and a subsequent sequence number does exist\)/i],
  ['gtid-diverged', /which is not in the master's binlog|slave has (probably )?diverged/i],
  ['purged-gtids', /purged binary logs containing GTIDs|Could not find GTID state requested by slave|GTID.*(purged|not found)/i],
  ['missing-binlog-file', /Could not find first log file name in binary log index file|could not find next log|File .* not found/i],
  ['position-past-end', /position > file size|impossible position|position .* beyond|Client requested master to start replication from position/i],
  ['event-too-large', /max_allowed_packet|log event entry exceeded/i],
  ['binlog-not-open', /Binary log is not open/i],
];

export const classify1236 = (message: string | null): T1236Cause => PATTERNS.find(([, re]) => re.test(message ?? ''))?.[0] ?? 'unknown';

export const ADVICE_1236: Record<T1236Cause, string> = {
  'missing-binlog-file':
    'The source no longer has the binlog file this replica needs (purged or reset). FLUSH LOGS + CHANGE MASTER TO the new file/position brings the IO thread back but silently skips every purged event, so the data diverges. Rebuild the replica from a consistent copy of the source (mariadb-dump --single-transaction --master-data=2, or mariabackup/xtrabackup) and start from the coordinates in that copy; then raise binlog retention (expire_logs_days / binlog_expire_logs_seconds) above your longest replica outage.',
  'purged-gtids':
    'The source purged binlogs holding GTIDs this replica has not applied. Do not set gtid_slave_pos/gtid_purged past the gap by hand: the missing transactions would be lost. Rebuild the replica from a consistent dump of the source (mariadb-dump --single-transaction --gtid --master-data=2, loaded with sql_log_bin=0, then SET GLOBAL gtid_slave_pos from the dump) and keep binlogs longer.',
  'position-past-end':
    'The replica asks for a position beyond the end of the source\'s binlog, typically after the source crashed with sync_binlog≠1 and lost the tail of the file. Compare Read_Master_Log_Pos with the file\'s size on the source; the transactions after the crash point may exist only on this replica. Check consistency (pt-table-checksum) before re-pointing to the start of the next binlog file, and set sync_binlog=1.',
  'gtid-diverged':
    'The replica asks to start from a GTID its source never logged: the replica holds transactions the source does not have (a write on the passive node, or MASTER_USE_GTID=current_pos picking up a local write), or the source lost the tail of its binlog in a crash. Do not move gtid_slave_pos past them by hand: the extra transactions stay on one node only. List them (mariadb-binlog on the replica\'s binlog), apply what must be kept on the source, then rebuild the replica from the source.',
  'gtid-hole':
    'The source\'s binlog lacks a GTID the replica asks for although earlier and later ones exist (a filtered or skipped transaction), and gtid_strict_mode refuses to skip it. Rebuild the replica from the source; disabling strict mode to step over the hole leaves the data different.',
  'binlog-not-open':
    'The source has binary logging disabled, so there is nothing to replicate from. Enable log-bin (and log_slave_updates on a dual master) on the source, restart it, and re-seed this replica.',
  'event-too-large':
    'An event is larger than max_allowed_packet. Raise max_allowed_packet (and slave_max_allowed_packet) on both sides to at least the event size, then START SLAVE.',
  unknown: 'Read the full Last_IO_Error text and the source\'s error log; compare the replica\'s requested coordinates with SHOW BINARY LOGS on the source.',
};
