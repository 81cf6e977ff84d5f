import { runSql } from '@/agents/action-sql';
import type { TNodeTarget } from '@/agents/node-target';
import type { TSshPool } from '@/agents/ssh-pool';
import { batchValue } from '@/lib/parsers/mysql-batch';
import { formatGtid, missingFromOldestBinlog, parseGtidList, type TGtid } from './gtid-position';
import { BINLOG_FILE } from '@/lib/parsers/binlog-file';

// What a source still has in its binary logs: the file names (a relay-reset
// refetches from one of them) and the Gtid_list at the start of the oldest
// (the binlog state before it: what gtid-reposition needs the replica to have
// reached). Read-only: SHOW BINARY LOGS and SHOW BINLOG EVENTS need BINLOG
// MONITOR (REPLICATION CLIENT).

export type TSourceBinlogs = { files: string[]; oldestGtidList: TGtid[] | null };


export const readSourceBinlogs = async (pool: TSshPool, target: TNodeTarget): Promise<TSourceBinlogs> => {
  const files = (await runSql(pool, target, 'SHOW BINARY LOGS;', 5000)).map((r) => batchValue(r[0] ?? '') ?? '').filter((f) => f !== '');
  const oldest = files[0];
  if (!oldest || !BINLOG_FILE.test(oldest)) return { files, oldestGtidList: null };
  // The Gtid_list event is the second of every MariaDB binlog (after Format_desc).
  const events = await runSql(pool, target, `SHOW BINLOG EVENTS IN '${oldest}' LIMIT 4;`, 5000);
  const list = events.find((e) => e[2] === 'Gtid_list');
  return { files, oldestGtidList: list ? parseGtidList(batchValue(list[5] ?? '')) : null };
};

// Why gtid-reposition cannot work (null: it can), in the operator's words.
export const gtidGapReason = (options: { node: string; source: string; replicaPos: string | null; binlogs: TSourceBinlogs }): string | null | undefined => {
  const { node, source, binlogs } = options;
  const pos = parseGtidList(options.replicaPos);
  if (!pos || !binlogs.oldestGtidList) return undefined;
  const missing = missingFromOldestBinlog(pos, binlogs.oldestGtidList);
  if (missing.length === 0) return null;
  return `${source}'s oldest binary log (${binlogs.files[0] ?? '?'}) starts after ${node}'s position (${node} is at ${pos.map(formatGtid).join(',') || 'nothing'}; ${source} has only what follows ${missing.map(formatGtid).join(',')}): the transactions in between were purged`;
};

// Why relay-reset cannot refetch from FILE (null: the source still has it).
export const refetchGapReason = (options: { source: string; file: string | null; binlogs: TSourceBinlogs }): string | null | undefined => {
  if (!options.file) return undefined;
  return options.binlogs.files.includes(options.file) ? null : `${options.source} no longer has ${options.file}, where the last applied event was: the events after it are gone (reseed)`;
};
