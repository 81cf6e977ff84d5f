import { describe, expect, it } from 'vitest';
import { classify1236 } from './classify-1236';
import { evaluateHealth } from './evaluate-health';
import type { TClusterView, TNodeView, TReplicationView, TVrrpInstanceView } from './types';

const healthyReplication: TReplicationView = { ioRunning: 'Yes', sqlRunning: 'Yes', secondsBehindSource: 0, sourceHost: '198.18.0.12', lastIoErrno: 0, lastIoError: null, lastSqlErrno: 0, lastSqlError: null };
const vars = (id: string, over: Record<string, string> = {}) => ({ server_id: id, read_only: 'OFF', log_bin: 'ON', sync_binlog: '1', innodb_flush_log_at_trx_commit: '1', auto_increment_increment: '2', auto_increment_offset: id, binlog_checksum: 'CRC32', slave_skip_errors: 'OFF', ...over });
// The setup the failover rules recommend: both BACKUP with nopreempt, and a
// check of weight 0 (a failure means FAULT, which releases the VIP).
const instance = (priority: number, over: Partial<TVrrpInstanceView> = {}): TVrrpInstanceView => ({ name: 'VI_1', state: 'BACKUP', virtualRouterId: 51, priority, nopreempt: true, virtualIpAddresses: ['198.18.0.100/24'], trackScripts: [{ name: 'chk_mysql', weight: null }], ...over });
const chkMysql = { name: 'chk_mysql', script: '/etc/keepalived/chk_mysql.sh', weight: null };

const node = (i: 1 | 2, over: Partial<TNodeView> = {}): TNodeView => ({
  name: `node${i}`,
  host: `198.18.0.1${i}`,
  reachable: true,
  unreachableReason: null,
  error: null,
  holdsVip: i === 1,
  mysqlReachable: true,
  mysqlError: null,
  variables: vars(String(i), i === 2 ? { read_only: 'ON' } : {}),
  replication: { ...healthyReplication, sourceHost: `198.18.0.1${3 - i}` },
  heartbeatLagSeconds: null,
  keepalived: { running: true, state: i === 1 ? 'MASTER' : 'BACKUP', lastCheck: { script: 'chk_mysql', result: 'succeeded' }, instances: [instance(i === 1 ? 101 : 99)], scripts: [chkMysql], syncGroups: [] },
  passiveWrites: 0,
  ...over,
});

const cluster = (n1: Partial<TNodeView> = {}, n2: Partial<TNodeView> = {}, over: Partial<TClusterView> = {}): TClusterView => ({ vip: '198.18.0.100', virtualRouterId: 51, lagThresholdSeconds: 30, nodes: [node(1, n1), node(2, n2)], ...over });
const codes = (v: TClusterView) => evaluateHealth(v).map((f) => `${f.code}@${f.node ?? '*'}`);

describe('health rules', () => {
  it('find nothing wrong with a healthy, well-configured pair', () => {
    expect(evaluateHealth(cluster())).toEqual([]);
  });

  it('flag a VIP held by nobody, and a split brain, as critical', () => {
    expect(codes(cluster({ holdsVip: false }))).toContain('vip-unassigned@*');
    const split = evaluateHealth(cluster({}, { holdsVip: true }));
    expect(split[0]).toMatchObject({ code: 'split-brain', severity: 'critical' });
    expect(split[0]?.message).toContain('node1 and node2');
  });

  it('tells an unreachable node from a changed host key', () => {
    expect(codes(cluster({}, { reachable: false, unreachableReason: 'connect', error: 'ECONNREFUSED' }))).toContain('node-unreachable@node2');
    const mismatch = evaluateHealth(cluster({}, { reachable: false, unreachableReason: 'host-key-mismatch' }));
    expect(mismatch.map((f) => f.code)).toContain('ssh-host-key-mismatch');
    expect(mismatch.map((f) => f.code)).not.toContain('node-unreachable');
  });

  it('reports stopped threads, and a connecting IO thread as a warning', () => {
    expect(codes(cluster({}, { replication: { ...healthyReplication, sqlRunning: 'No', lastSqlErrno: 1146, lastSqlError: "Table 'x.y' doesn't exist" } }))).toContain('sql-thread-stopped@node2');
    expect(codes(cluster({}, { replication: { ...healthyReplication, ioRunning: 'No' } }))).toContain('io-thread-stopped@node2');
    const connecting = evaluateHealth(cluster({ replication: { ...healthyReplication, ioRunning: 'Connecting', lastIoErrno: 2003 } }));
    expect(connecting).toEqual([expect.objectContaining({ code: 'io-thread-connecting', severity: 'warning', node: 'node1' })]);
  });

  it.each([
    ["Got fatal error 1236 from master when reading data from binary log: 'Could not find first log file name in binary log index file'", 'missing-binlog-file'],
    ["Got fatal error 1236 from master when reading data from binary log: 'Could not find GTID state requested by slave in any binlog files. Probably the slave state is too old and required binlog files have been purged.'", 'purged-gtids'],
    ["Got fatal error 1236 from master when reading data from binary log: 'The slave is connecting using CHANGE MASTER TO MASTER_AUTO_POSITION = 1, but the master has purged binary logs containing GTIDs that the slave requires.'", 'purged-gtids'],
    ["Got fatal error 1236 from master when reading data from binary log: 'Error: connecting slave requested to start from GTID 0-2-980, which is not in the master's binlog. Since the master's binlog contains GTIDs with higher sequence numbers, it probably means that the slave has diverged due to executing extra erroneous transactions'", 'gtid-diverged'],
    ["Got fatal error 1236 from master when reading data from binary log: 'Error: connecting slave requested to start from GTID 0-1-3, which is not in the master's binlog'", 'gtid-diverged'],
    ["Got fatal error 1236 from master when reading data from binary log: 'The binlog on the master is missing the GTID 0-1-3 requested by the slave (even though both a prior and a subsequent sequence number does exist), and GTID strict mode is enabled'", 'gtid-hole'],
    ["Got fatal error 1236 from master when reading data from binary log: 'Client requested master to start replication from position > file size'", 'position-past-end'],
    ["Got fatal error 1236 from master when reading data from binary log: 'Binary log is not open'", 'binlog-not-open'],
    ['Got fatal error 1236 from master: something new', 'unknown'],
  ])('classifies error 1236 "%s" as %s, with advice', (message, cause) => {
    expect(classify1236(message)).toBe(cause);
    const [f] = evaluateHealth(cluster({}, { replication: { ...healthyReplication, ioRunning: 'No', lastIoErrno: 1236, lastIoError: message } }));
    expect(f).toMatchObject({ code: `replication-1236-${cause}`, severity: 'critical', node: 'node2' });
    expect(f?.advice.length).toBeGreaterThan(40);
  });

  it('calls 1062 and 1032 divergence, not just a stopped thread', () => {
    for (const errno of [1062, 1032]) {
      const found = codes(cluster({}, { replication: { ...healthyReplication, sqlRunning: 'No', lastSqlErrno: errno, lastSqlError: 'x' } }));
      expect(found).toContain(`replication-divergence-${errno}@node2`);
      expect(found).not.toContain('sql-thread-stopped@node2');
    }
  });

  it('compares lag with the cluster threshold and flags unknown lag', () => {
    expect(codes(cluster({}, { replication: { ...healthyReplication, secondsBehindSource: 31 } }))).toContain('lag-high@node2');
    expect(codes(cluster({}, { replication: { ...healthyReplication, secondsBehindSource: 30 } }))).not.toContain('lag-high@node2');
    expect(codes(cluster({}, { replication: { ...healthyReplication, secondsBehindSource: 0 }, heartbeatLagSeconds: 45 }))).toContain('lag-high@node2');
    expect(codes(cluster({}, { replication: { ...healthyReplication, secondsBehindSource: null } }))).toContain('lag-unknown@node2');
  });

  it('warns when the passive node is writable or takes writes', () => {
    expect(codes(cluster({}, { variables: vars('2', { read_only: 'OFF' }) }))).toContain('passive-writable@node2');
    expect(codes(cluster({}, { passiveWrites: 2 }))).toContain('writes-on-passive@node2');
  });

  it('flags dangerous settings', () => {
    const found = codes(cluster({ variables: vars('1', { slave_skip_errors: 'ALL', sync_binlog: '0', innodb_flush_log_at_trx_commit: '2', binlog_checksum: 'NONE' }) }, { variables: vars('1', { read_only: 'ON', auto_increment_offset: '1' }) }));
    expect(found).toEqual(expect.arrayContaining(['slave-skip-errors@node1', 'sync-binlog-unsafe@node1', 'flush-log-unsafe@node1', 'duplicate-server-id@*', 'auto-increment-collide@*', 'binlog-checksum-differs@*']));
    expect(codes(cluster({ variables: vars('1', { auto_increment_increment: '1' }) }))).toContain('auto-increment-collide@node1');
  });

  it('checks keepalived: down, failing check, nopreempt, differing configs, equal priorities', () => {
    expect(evaluateHealth(cluster({}, { keepalived: { running: false, state: null, lastCheck: null, instances: [instance(99)], scripts: [], syncGroups: [] } }))).toEqual([expect.objectContaining({ code: 'keepalived-down', severity: 'warning', node: 'node2' })]);
    expect(codes(cluster({ keepalived: { running: true, state: 'MASTER', lastCheck: { script: 'chk_mysql', result: 'failed' }, instances: [instance(101)], scripts: [], syncGroups: [] } }))).toContain('health-check-failing@node1');
    expect(codes(cluster({ keepalived: { running: true, state: 'MASTER', lastCheck: null, instances: [instance(101, { nopreempt: true, state: 'MASTER' })], scripts: [], syncGroups: [] } }))).toContain('nopreempt-ignored@node1');
    // keepalived starts an instance without `state` as BACKUP: nopreempt holds.
    expect(codes(cluster({ keepalived: { running: true, state: 'MASTER', lastCheck: null, instances: [instance(101, { state: null })], scripts: [], syncGroups: [] } }))).not.toContain('nopreempt-ignored@node1');
    expect(codes(cluster({}, { keepalived: { running: true, state: 'BACKUP', lastCheck: null, instances: [instance(99, { virtualRouterId: 52 })], scripts: [], syncGroups: [] } }))).toEqual(expect.arrayContaining(['vrid-differs@*', 'vrid-inventory-mismatch@node2']));
    expect(codes(cluster({}, { keepalived: { running: true, state: 'BACKUP', lastCheck: null, instances: [instance(99, { virtualIpAddresses: ['198.18.0.200/24'] })], scripts: [], syncGroups: [] } }))).toEqual(expect.arrayContaining(['vip-config-differs@*', 'vip-not-in-config@node2']));
    expect(codes(cluster({}, { keepalived: { running: true, state: 'BACKUP', lastCheck: null, instances: [instance(101)], scripts: [], syncGroups: [] } }))).toContain('equal-priorities@*');
  });

  it('puts critical findings first', () => {
    const all = evaluateHealth(cluster({ variables: vars('1', { sync_binlog: '0' }) }, { holdsVip: true }));
    expect(all[0]?.severity).toBe('critical');
    expect(all.at(-1)?.severity).toBe('warning');
  });
});
