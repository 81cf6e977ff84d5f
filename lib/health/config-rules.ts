import type { TClusterView, TFinding, TNodeView } from './types';

const on = (v: string | undefined) => v !== undefined && !['', 'OFF', '0'].includes(v.toUpperCase());

// Settings that make a dual-master pair lose or corrupt data sooner or later.
const perNode = (n: TNodeView, masters: number): TFinding[] => {
  const v = n.variables;
  const findings: TFinding[] = [];
  const skip = v.slave_skip_errors ?? v.replica_skip_errors;
  if (on(skip)) {
    findings.push({ code: 'slave-skip-errors', severity: 'warning', node: n.name, message: `${n.name} has slave_skip_errors=${skip}: replication errors are silently skipped.`, advice: 'This hides divergence instead of stopping on it (the classic guide sets it to "all"). Remove slave-skip-errors from my.cnf and restart at a quiet moment; check the data with pt-table-checksum first.' });
  }
  if (v.sync_binlog !== undefined && v.sync_binlog !== '1') {
    findings.push({ code: 'sync-binlog-unsafe', severity: 'warning', node: n.name, message: `${n.name} has sync_binlog=${v.sync_binlog}: a crash can lose binlog events that replicas never receive.`, advice: 'SET GLOBAL sync_binlog=1 (and in my.cnf). The write cost is small on modern storage.' });
  }
  if (v.innodb_flush_log_at_trx_commit !== undefined && v.innodb_flush_log_at_trx_commit !== '1') {
    findings.push({ code: 'flush-log-unsafe', severity: 'warning', node: n.name, message: `${n.name} has innodb_flush_log_at_trx_commit=${v.innodb_flush_log_at_trx_commit}: committed transactions can be lost on a crash.`, advice: 'SET GLOBAL innodb_flush_log_at_trx_commit=1 (and in my.cnf) on every master.' });
  }
  const inc = Number(v.auto_increment_increment);
  if (masters > 1 && Number.isFinite(inc) && inc < masters) {
    findings.push({ code: 'auto-increment-collide', severity: 'warning', node: n.name, message: `${n.name} has auto_increment_increment=${inc} with ${masters} masters: inserts on both can generate the same id.`, advice: `Set auto_increment_increment=${masters} on every master and a distinct auto_increment_offset (1..${masters}) on each.` });
  }
  return findings;
};

const acrossNodes = (nodes: TNodeView[]): TFinding[] => {
  const findings: TFinding[] = [];
  const byServerId = new Map<string, string[]>();
  const byOffset = new Map<string, string[]>();
  for (const n of nodes) {
    const id = n.variables.server_id;
    if (id !== undefined) byServerId.set(id, [...(byServerId.get(id) ?? []), n.name]);
    if (Number(n.variables.auto_increment_increment) > 1 && n.variables.auto_increment_offset !== undefined) {
      byOffset.set(n.variables.auto_increment_offset, [...(byOffset.get(n.variables.auto_increment_offset) ?? []), n.name]);
    }
  }
  for (const [id, names] of byServerId) {
    if (names.length > 1) findings.push({ code: 'duplicate-server-id', severity: 'critical', message: `${names.join(' and ')} share server_id ${id}.`, advice: 'Replication skips events carrying its own server_id, so these nodes silently ignore each other\'s writes. Give every server a unique server_id in my.cnf and restart.' });
  }
  for (const [offset, names] of byOffset) {
    if (names.length > 1) findings.push({ code: 'auto-increment-collide', severity: 'warning', message: `${names.join(' and ')} share auto_increment_offset ${offset}: both generate the same ids.`, advice: 'Give each master a distinct auto_increment_offset (1, 2, …) with auto_increment_increment equal to the number of masters.' });
  }
  const checksums = new Set(nodes.map((n) => n.variables.binlog_checksum).filter((c): c is string => c !== undefined));
  if (checksums.size > 1) {
    findings.push({ code: 'binlog-checksum-differs', severity: 'warning', message: `binlog_checksum differs between nodes (${[...checksums].join(', ')}).`, advice: 'Use the same binlog_checksum (CRC32) on every node; mixed settings break replication with older servers and hide corruption on the NONE side.' });
  }
  return findings;
};

export const configRules = (view: TClusterView): TFinding[] => {
  const nodes = view.nodes.filter((n) => n.reachable && n.mysqlReachable && Object.keys(n.variables).length > 0);
  const masters = nodes.filter((n) => n.replication !== null && on(n.variables.log_bin)).length;
  return [...nodes.flatMap((n) => perNode(n, masters)), ...acrossNodes(nodes)];
};
