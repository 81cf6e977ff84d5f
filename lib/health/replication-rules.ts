import { ADVICE_1236, classify1236 } from './classify-1236';
import type { TClusterView, TDivergenceErrno, TFinding, TNodeView } from './types';

const DIVERGENCE: Record<TDivergenceErrno, string> = {
  1062: 'duplicate key',
  1032: 'row not found',
};
const isDivergence = (errno: number | null): errno is TDivergenceErrno => errno === 1062 || errno === 1032;

const threadRules = (n: TNodeView): TFinding[] => {
  const r = n.replication;
  if (!r) return [];
  const findings: TFinding[] = [];
  const source = r.sourceHost ?? 'its source';
  if (r.lastIoErrno === 1236) {
    const cause = classify1236(r.lastIoError);
    findings.push({ code: `replication-1236-${cause}`, severity: 'critical', node: n.name, message: `${n.name} cannot read the binlog from ${source} (error 1236, ${cause.replace(/-/g, ' ')}): ${r.lastIoError ?? ''}`, advice: ADVICE_1236[cause] });
  } else if (r.ioRunning === 'No') {
    findings.push({ code: 'io-thread-stopped', severity: 'critical', node: n.name, message: `The replication IO thread on ${n.name} is stopped${r.lastIoErrno ? ` (error ${r.lastIoErrno}: ${r.lastIoError ?? ''})` : ''}.`, advice: 'Nothing new arrives from the source. If it was stopped on purpose, START SLAVE IO_THREAD; otherwise fix the error shown (network, credentials, source binlog) and start it.' });
  } else if (r.ioRunning === 'Connecting') {
    findings.push({ code: 'io-thread-connecting', severity: 'warning', node: n.name, message: `${n.name} cannot connect to ${source}${r.lastIoErrno ? ` (error ${r.lastIoErrno}: ${r.lastIoError ?? ''})` : ''}.`, advice: `Check that mysqld runs on ${source}, that the replication user can log in from ${n.host}, and that the network between them is up.` });
  }
  if (isDivergence(r.lastSqlErrno)) {
    findings.push({ code: `replication-divergence-${r.lastSqlErrno}`, severity: 'critical', node: n.name, message: `The data on ${n.name} has diverged from ${source}: error ${r.lastSqlErrno} (${DIVERGENCE[r.lastSqlErrno]}): ${r.lastSqlError ?? ''}`, advice: 'The same rows were changed on both masters, or a write bypassed replication. Do not skip the event blindly (sql_slave_skip_counter or slave-skip-errors hides the damage): find the row in both servers, decide which version is right, repair it with sql_log_bin=0, then START SLAVE; check the rest with pt-table-checksum.' });
  } else if (r.sqlRunning === 'No') {
    findings.push({ code: 'sql-thread-stopped', severity: 'critical', node: n.name, message: `The replication SQL thread on ${n.name} is stopped${r.lastSqlErrno ? ` (error ${r.lastSqlErrno}: ${r.lastSqlError ?? ''})` : ''}.`, advice: 'Events pile up in the relay log and are not applied. Fix the error shown and START SLAVE SQL_THREAD.' });
  }
  return findings;
};

const lagRules = (n: TNodeView, threshold: number): TFinding[] => {
  const r = n.replication;
  if (!r || r.ioRunning !== 'Yes' || r.sqlRunning !== 'Yes') return [];
  const lag = Math.max(r.secondsBehindSource ?? -1, n.heartbeatLagSeconds ?? -1);
  if (r.secondsBehindSource === null && n.heartbeatLagSeconds === null) {
    return [{ code: 'lag-unknown', severity: 'warning', node: n.name, message: `${n.name} reports no replication lag (Seconds_Behind_Master is NULL) although both threads run.`, advice: 'Seconds_Behind_Master is unreliable; enable Tandem\'s heartbeat for this cluster to measure true lag.' }];
  }
  if (lag > threshold) {
    return [{ code: 'lag-high', severity: 'warning', node: n.name, message: `${n.name} is ${Math.round(lag)} s behind its source (threshold ${threshold} s).`, advice: 'A failover now would lose or delay these transactions. Look for long transactions or heavy writes on the source, single-threaded apply (slave_parallel_threads), or an under-sized replica; do not switch over until it catches up.' }];
  }
  return [];
};

export const replicationRules = (view: TClusterView): TFinding[] =>
  view.nodes.filter((n) => n.reachable && n.mysqlReachable).flatMap((n) => [...threadRules(n), ...lagRules(n, view.lagThresholdSeconds)]);
