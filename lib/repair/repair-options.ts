import { displayString } from './sql-text';
import type { TCauseCode, TRepairOption, TRepairStrategy, TRisk } from './types';

// Which strategies can fix a cause, which one is the right one and what
// stands in the way now, from the playbook (research/actions.md, section C).
// Pure: everything about the nodes arrives in TOptionFacts. `recommended`
// names the right fix even when something blocks it now (the 2003 fix is to
// reconnect, once the source is back); `blockedBy` says what must change first.

export type TOptionFacts = {
  node: string;
  // The node it replicates from (its host when the inventory has no such node).
  source: string;
  // Why the source cannot take part in a repair now (down, unreachable, not
  // in the inventory); null when it answers.
  sourceProblem: string | null;
  holdsVip: boolean;
  // read_only is OFF: a reseed empties the node, which must not take writes meanwhile.
  writable?: boolean;
  // Using_Gtid is not No.
  usesGtid: boolean;
  // The IO thread is not running (restarting it needs the source).
  ioStopped?: boolean;
  // gtid-reposition: why the source lacks events the node needs; null when it
  // has them all; undefined when it could not be checked.
  gtidGap?: string | null;
  // relay-reset: where the events are fetched again from (Relay_Master_Log_File,
  // Exec_Master_Log_Pos), and why the source no longer has them (null: it has).
  refetchFrom?: { file: string; position: number } | null;
  refetchGap?: string | null;
  // 1062/1032: the row is the same on both nodes (null: unknown).
  rowsIdentical?: boolean | null;
  // 1045: Master_User, the hosts of the source's accounts for it (null: could
  // not be read), and the replica's address as the source saw it.
  replication?: { user: string | null; accounts: string[] | null; replicaHost: string | null };
  // binlog-not-open: the source's log_bin is OFF.
  sourceBinlogOff?: boolean;
};

const option = (strategy: TRepairStrategy, risk: TRisk, explanation: string, extra: { recommended?: boolean; blockedBy?: (string | null | false | undefined)[]; needsAcknowledgement?: boolean } = {}): TRepairOption => ({
  strategy,
  risk,
  explanation,
  recommended: extra.recommended ?? false,
  needsAcknowledgement: extra.needsAcknowledgement ?? false,
  blockedBy: (extra.blockedBy ?? []).filter((b): b is string => typeof b === 'string' && b !== ''),
});

const needsSource = (f: TOptionFacts, why: string): string | null => (f.sourceProblem ? `${f.sourceProblem}; ${why}` : null);

const restart = (f: TOptionFacts, opts: { recommended: boolean; explanation?: string; ioThread: boolean }) =>
  option('restart', 'none', opts.explanation ?? `START SLAVE on ${f.node}: the stopped thread carries on from where it stopped; nothing is skipped.`, {
    recommended: opts.recommended,
    blockedBy: [opts.ioThread && needsSource(f, 'the IO thread would only retry')],
  });

const reconnect = (f: TOptionFacts, recommended: boolean, explanation?: string) =>
  option('reconnect', 'none', explanation ?? `STOP SLAVE IO_THREAD; START SLAVE IO_THREAD on ${f.node}: the IO thread connects to ${f.source} again and reads on from the position it has; nothing is skipped.`, {
    recommended,
    blockedBy: [needsSource(f, `start it, or fix the network, and ${f.node}'s IO thread reconnects by itself`)],
  });

const reseed = (f: TOptionFacts, opts: { recommended: boolean; risk?: TRisk; why?: string; blockedBy?: (string | null | false)[] }) =>
  option('reseed', opts.risk ?? 'low', `Rebuild ${f.node} from a consistent copy of ${f.source} (streamed through Tandem, loaded with binary logging off, positioned by GTID), then point ${f.source} at ${f.node}'s new binary log. Whatever only ${f.node} holds is replaced by ${f.source}'s data.${opts.why ? ` ${opts.why}` : ''}`, {
    recommended: opts.recommended,
    blockedBy: [
      f.holdsVip && `${f.node} holds the VIP: switch over to ${f.source} first (a reseed empties ${f.node} while it loads)`,
      !f.holdsVip && f.writable === true && `${f.node} is writable (read_only=OFF): SET GLOBAL read_only=ON on it first, so nothing writes to it while it is rebuilt`,
      needsSource(f, `the copy comes from ${f.source}`),
      ...(opts.blockedBy ?? []),
    ],
  });

const gtidReposition = (f: TOptionFacts, recommended: boolean) =>
  option('gtid-reposition', 'low', `STOP SLAVE; CHANGE MASTER TO MASTER_USE_GTID=slave_pos; START SLAVE on ${f.node}: it asks ${f.source} for every transaction after its own GTID position instead of a file and offset. ${f.source} refuses (error 1236) rather than skip anything it no longer has.${f.gtidGap === undefined ? ` Whether ${f.source} still has every needed event could not be checked.` : ''}`, {
    recommended,
    blockedBy: [needsSource(f, `${f.source} must send the events`), f.gtidGap],
  });

const flushReposition = (f: TOptionFacts) =>
  option('flush-reposition', 'data-loss', `The seed guide's recipe: FLUSH NO_WRITE_TO_BINLOG BINARY LOGS on ${f.source}, then CHANGE MASTER on ${f.node} to ${f.source}'s new file at position 4. Replication runs again, but every event between ${f.node}'s position and that file is skipped for good: the two nodes hold different data until a reseed. A drift check follows to show which tables differ.`, {
    needsAcknowledgement: true,
    blockedBy: [needsSource(f, `it is run on ${f.source}`)],
  });

const skipOne = (f: TOptionFacts) => {
  const rows = f.rowsIdentical === true ? `The row is the same on both nodes, so skipping the event leaves it as ${f.source} has it.` : f.rowsIdentical === false ? `The row differs between the nodes: after a skip it stays different.` : `Whether the row is the same on both nodes is not known.`;
  return option('skip-one', 'drift', `STOP SLAVE; SET GLOBAL sql_slave_skip_counter=1; START SLAVE on ${f.node}: the failing transaction is dropped on ${f.node}, all of it, not only this row. ${rows} A drift check of the table follows.`, {
    recommended: f.rowsIdentical === true,
    needsAcknowledgement: true,
  });
};

const relayReset = (f: TOptionFacts) => {
  const at = f.refetchFrom ? `MASTER_LOG_FILE=${displayString(f.refetchFrom.file)}, MASTER_LOG_POS=${f.refetchFrom.position}` : 'MASTER_LOG_FILE=<Relay_Master_Log_File>, MASTER_LOG_POS=<Exec_Master_Log_Pos>';
  // With GTID, RESET SLAVE discards the relay logs and the node resumes from gtid_slave_pos.
  const how = f.usesGtid ? 'RESET SLAVE' : `CHANGE MASTER TO ${at}`;
  return option('relay-reset', 'low', `STOP SLAVE; ${how}; START SLAVE on ${f.node}: the relay logs are discarded and the events after the last applied one are fetched again from ${f.source}. If ${f.source}'s own binary log is the corrupt one, this fails the same way: reseed then.`, {
    recommended: true,
    blockedBy: [needsSource(f, `the events are fetched again from ${f.source}`), f.refetchGap],
  });
};

const grantAdvice = (f: TOptionFacts): string => {
  const user = f.replication?.user ?? 'repl';
  const known = f.replication?.accounts ?? null;
  const accounts = known && known.length > 0 ? known : [f.replication?.replicaHost ?? '<replica address>'];
  const account = (host: string) => `${displayString(user)}@${displayString(host)}`;
  const onSource = accounts.map((h) => `ALTER USER ${account(h)} IDENTIFIED BY '<password ${f.node} uses>'; GRANT REPLICATION SLAVE ON *.* TO ${account(h)}`).join('; ');
  const missing = known && known.length === 0 ? ` ${f.source} has no account for ${displayString(user)} that Tandem could see: create it first (CREATE USER ${account(accounts[0] ?? '%')} IDENTIFIED BY '<password>').` : '';
  return `Fix the login first, then reconnect. Either on ${f.source}, with SET SESSION sql_log_bin=0 so the change stays there (replicated, it would also change the account ${f.source} itself uses to read from ${f.node}): ${onSource}. Or give ${f.node} the password ${f.source} expects: STOP SLAVE; CHANGE MASTER TO MASTER_USER=${displayString(user)}, MASTER_PASSWORD='<password>'; START SLAVE (the position is kept; the reconnect strategy does this when given the password).${missing}`;
};

export const repairOptions = (code: TCauseCode, f: TOptionFacts): TRepairOption[] => {
  switch (code) {
    case 'binlog-purged':
    case 'position-past-end': {
      const byGtid = f.gtidGap === null && !f.sourceProblem;
      return [gtidReposition(f, byGtid), reseed(f, { recommended: !byGtid }), flushReposition(f)];
    }
    case 'gtid-purged':
      return [reseed(f, { recommended: true }), flushReposition(f)];
    case 'gtid-diverged':
      return [reseed(f, { recommended: true, risk: 'data-loss', why: `${f.node}'s extra transactions are discarded: apply on ${f.source} first whatever of them must be kept.` })];
    case 'gtid-hole':
    case 'table-missing':
      return [reseed(f, { recommended: true })];
    case 'out-of-order-gtid':
      return [reseed(f, { recommended: true, risk: 'data-loss', why: `Find out first which node's writes are the ones to keep: reseed the other one.` })];
    case 'event-too-large':
      return [restart(f, { recommended: true, ioThread: true, explanation: `Raise the limits first: SET GLOBAL slave_max_allowed_packet=1073741824 on ${f.node} and max_allowed_packet on ${f.source} (and in both my.cnf), then START SLAVE on ${f.node}.` })];
    case 'binlog-not-open':
      return [reseed(f, { recommended: true, why: `Enable log-bin and log_slave_updates on ${f.source} and restart it first.`, blockedBy: [f.sourceBinlogOff === true && `binary logging is off on ${f.source}`] })];
    case 'source-error-1236':
      return [reconnect(f, false, `STOP SLAVE IO_THREAD; START SLAVE IO_THREAD on ${f.node}, if what ${f.source} refused was passing; otherwise rebuild ${f.node}.`), reseed(f, { recommended: true })];
    case 'duplicate-key':
    case 'row-not-found':
      return [skipOne(f), reseed(f, { recommended: f.rowsIdentical !== true })];
    case 'relay-log-corrupt':
      return [relayReset(f), ...(f.usesGtid ? [] : [gtidReposition(f, false)]), reseed(f, { recommended: false, why: `Only if ${f.source}'s own binary log is corrupt.` })];
    case 'access-denied':
      return [reconnect(f, true, grantAdvice(f))];
    case 'cannot-connect':
    case 'io-error':
      return [reconnect(f, true)];
    case 'stopped-by-hand':
      return [restart(f, { recommended: true, ioThread: f.ioStopped === true })];
    case 'sql-error':
      return [restart(f, { recommended: true, ioThread: false, explanation: `Fix what the error names, then START SLAVE on ${f.node}.` }), reseed(f, { recommended: false })];
  }
};
