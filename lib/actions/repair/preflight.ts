import { block, warn } from '../common-checks';
import { gtidGapReason, readSourceBinlogs } from '@/lib/repair/read-source-binlogs';
import type { TNodeFacts } from '../node-facts';
import type { TActionContext, TPreflightCheck } from '../types';
import type { TRepairParams } from './params';


// Privileges a reseed needs on the node it rebuilds (it drops and creates
// every schema with binary logging off) and on the node it copies.
export const RESEED_TARGET_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'INDEX', 'REFERENCES', 'CREATE VIEW', 'SHOW VIEW', 'TRIGGER', 'EVENT', 'CREATE ROUTINE', 'ALTER ROUTINE', 'EXECUTE', 'LOCK TABLES', 'CREATE TEMPORARY TABLES', 'RELOAD', 'BINLOG ADMIN', 'REPLICATION SLAVE ADMIN'];
export const RESEED_SOURCE_PRIVILEGES = ['SELECT', 'SHOW VIEW', 'TRIGGER', 'EVENT', 'RELOAD', 'LOCK TABLES'];

const missing = (f: TNodeFacts, wanted: string[]): string[] => (f.grants.includes('ALL PRIVILEGES') ? [] : wanted.filter((p) => !f.grants.includes(p)));
const grantText = (f: TNodeFacts, privileges: string[]) => `GRANT ${privileges.join(', ')} ON *.* TO ${f.currentUser ? f.currentUser.replace(/^([^@]*)@(.*)$/, "'$1'@'$2'") : "'<tandem user>'@'<host>'"};`;

// Does the source still hold every event the node lacks? The same check as
// the diagnosis (the oldest binlog's Gtid_list against the node's
// gtid_slave_pos, compared as MariaDB does when a replica connects).
export const sourceHasEvents = async (ctx: TActionContext, source: TNodeFacts, node: string, nodeSlavePos: string | null): Promise<{ ok: boolean; detail: string }> => {
  const binlogs = await readSourceBinlogs(ctx.pool, source.target);
  const gap = gtidGapReason({ node, source: source.name, replicaPos: nodeSlavePos, binlogs });
  if (gap === undefined) return { ok: false, detail: `cannot compare ${node}'s GTID position (${nodeSlavePos ?? '?'}) with ${source.name}'s oldest binary log` };
  return gap === null ? { ok: true, detail: `${source.name}'s binary logs (from ${binlogs.files[0] ?? '?'}) hold every event after ${node}'s position ${nodeSlavePos || '(empty)'}` } : { ok: false, detail: gap };
};

export const repairPreflight = async (ctx: TActionContext, params: TRepairParams, facts: TNodeFacts[]): Promise<TPreflightCheck[]> => {
  const checks: TPreflightCheck[] = [];
  const node = facts.find((f) => f.name === params.node);
  const source = facts.find((f) => f.name !== params.node);
  checks.push(block('pair', facts.length === 2, facts.length === 2 ? `${params.node} and its source ${source?.name ?? '?'}` : `the repair wizard handles a pair of masters; this cluster has ${facts.length} nodes`));
  if (!node || !source || facts.length !== 2) return checks;
  const unreachable = facts.filter((f) => !f.reachable || f.error);
  checks.push(block('nodes-reachable', unreachable.length === 0, unreachable.length === 0 ? `${node.name} and ${source.name} answer over SSH and MySQL` : `${unreachable.map((f) => `${f.name}: ${f.error ?? 'unreachable'}`).join('; ')}${params.strategy === 'reconnect' ? ' (bring the source back first; its IO thread then reconnects by itself)' : ''}`));
  if (unreachable.length > 0) return checks;
  const r = node.poll?.mysql.replication ?? null;
  checks.push(block('replica-configured', r !== null, r ? `${node.name} replicates from ${r.sourceHost ?? '?'}: IO ${r.ioRunning ?? '?'}, SQL ${r.sqlRunning ?? '?'}${r.lastIoErrno ? `, IO error ${r.lastIoErrno}` : ''}${r.lastSqlErrno ? `, SQL error ${r.lastSqlErrno}` : ''}` : `${node.name} has no replication configured`));
  if (!r) return checks;
  const running = r.ioRunning === 'Yes' && r.sqlRunning === 'Yes';
  const needAck = (what: string) => block('risk-acknowledged', params.acknowledgeRisk, params.acknowledgeRisk ? `acknowledged: ${what}` : `${what}. Pass acknowledgeRisk: true to go ahead (a drift check follows)`);

  switch (params.strategy) {
    case 'restart':
      checks.push(block('replication-stopped', !running, running ? `replication on ${node.name} already runs` : `${node.name}'s threads are not both running`));
      if (r.lastIoErrno || r.lastSqlErrno) checks.push(warn('error-present', false, `${node.name} stopped on error ${r.lastIoErrno || r.lastSqlErrno}: a plain restart stops again unless its cause is fixed`));
      break;
    case 'reconnect':
      checks.push(block('io-not-running', r.ioRunning !== 'Yes', r.ioRunning === 'Yes' ? `${node.name}'s IO thread already runs` : `${node.name}'s IO thread is ${r.ioRunning ?? '?'}`));
      if (r.lastIoErrno === 1045 && params.sourcePassword === undefined) checks.push(warn('password', false, `error 1045: if the replication user's password changed on ${source.name}, pass sourcePassword (sent as CHANGE MASTER TO MASTER_PASSWORD, never stored); if its grant was dropped, run on ${source.name}: GRANT REPLICATION SLAVE ON *.* TO '${r.sourceUser ?? '<repl user>'}'@'${node.target.host}';`));
      break;
    case 'relay-reset':
      checks.push(block('relay-log-error', r.lastSqlErrno === 1594, r.lastSqlErrno === 1594 ? `${node.name}'s SQL thread cannot read its relay log (1594)` : `relay-reset is for error 1594 (relay log read failure); ${node.name} shows ${r.lastSqlErrno || 'no SQL error'}`));
      break;
    case 'gtid-reposition': {
      const has = await sourceHasEvents(ctx, source, node.name, node.poll?.mysql.variables.gtid_slave_pos ?? null).catch((e: unknown) => ({ ok: false, detail: e instanceof Error ? e.message : String(e) }));
      checks.push(block('source-has-events', has.ok, has.detail));
      break;
    }
    case 'skip-one':
      checks.push(block('duplicate-or-missing-row', r.lastSqlErrno === 1062 || r.lastSqlErrno === 1032, r.lastSqlErrno === 1062 || r.lastSqlErrno === 1032 ? `${node.name} stopped on error ${r.lastSqlErrno}: ${r.lastSqlError ?? ''}` : `skip-one is only for errors 1062 and 1032; ${node.name} shows ${r.lastSqlErrno || 'no SQL error'}`));
      checks.push(needAck('skipping drops the whole failing transaction on this node, so the two nodes may differ afterwards'));
      checks.push(block('grant-super', missing(node, ['SUPER']).length === 0, missing(node, ['SUPER']).length === 0 ? `Tandem may set sql_slave_skip_counter on ${node.name}` : `MariaDB guards sql_slave_skip_counter with SUPER, which Tandem's user on ${node.name} lacks. Run on ${node.name} (with sql_log_bin=0): ${grantText(node, ['SUPER'])}`));
      break;
    case 'flush-reposition':
      checks.push(block('binlog-error', r.lastIoErrno === 1236, r.lastIoErrno === 1236 ? `${node.name} cannot read ${source.name}'s binary log (1236)` : `flush-reposition is for error 1236; ${node.name} shows ${r.lastIoErrno || 'no IO error'}`));
      checks.push(needAck(`every event ${source.name} wrote that ${node.name} had not read is skipped for good: the nodes will differ (the drift check afterwards shows where)`));
      break;
    case 'reseed': {
      checks.push(block('not-vip-holder', !node.holdsVip, node.holdsVip ? `${node.name} holds the VIP: a reseed drops its data. Switch over to ${source.name} first (kind switchover, params {"to": "${source.name}"})` : `${node.name} does not hold the VIP`));
      checks.push(block('node-read-only', node.readOnly === true, node.readOnly === true ? `${node.name} is read-only` : `${node.name} is writable: only a read-only node is rebuilt`));
      const lackTarget = missing(node, RESEED_TARGET_PRIVILEGES);
      checks.push(block('grants-target', lackTarget.length === 0, lackTarget.length === 0 ? `Tandem may rebuild the data on ${node.name}` : `Tandem's user on ${node.name} lacks ${lackTarget.join(', ')}. Run on ${node.name} (with sql_log_bin=0): ${grantText(node, lackTarget)}`));
      const lackSource = missing(source, RESEED_SOURCE_PRIVILEGES);
      checks.push(block('grants-source', lackSource.length === 0, lackSource.length === 0 ? `Tandem may dump ${source.name}` : `Tandem's user on ${source.name} lacks ${lackSource.join(', ')}. Run on ${source.name}: ${grantText(source, lackSource)}`));
      checks.push(warn('users-not-copied', true, `users, grants and the mysql schema are not copied: ${node.name} keeps its own`));
      break;
    }
  }
  return checks;
};
