import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from './build-snapshot';
import { applyKeepalivedEvents, ipAddrHolds, newNodeMemory, offerVipReading, ownTransactionCount } from './node-memory';
import { parseCollectOutput, splitSections, type TNodeObservation } from './observation';

// Real collect.sh output recorded from the lab (test/fixtures/collect/): the
// *-batch fixture as polls print today, the others from when the status
// statements printed vertically (\G), which the reader still takes.
const recorded = (name: string) => readFileSync(path.join(process.cwd(), 'test/fixtures/collect', name), 'utf8');
const observe = (name: string): TNodeObservation => parseCollectOutput(recorded(name), { startedAt: 1000, finishedAt: 1180 });

const settings = { name: 'lab', vip: '198.18.0.100', virtualRouterId: 51, lagThresholdSeconds: 30 };
const memoryOf = (name: string, host: string, file: string) => {
  const m = newNodeMemory(name, host);
  const poll = observe(file);
  m.poll = poll;
  offerVipReading(m, { held: ipAddrHolds(poll.ipAddr, settings.vip), at: poll.startedAt, source: 'poll' });
  m.keepalivedConf = poll.keepalived.conf;
  applyKeepalivedEvents(m, poll.keepalived.events);
  return m;
};

describe('collect.sh output', () => {
  it('splits into the documented sections', () => {
    expect([...splitSections(recorded('lab-node1-holder.txt')).keys()]).toEqual([
      'meta', 'ip-addr', 'mysql-variables', 'slave-status', 'master-status', 'heartbeat', 'keepalived', 'keepalived-conf', 'keepalived-log', 'cursor', 'end',
    ]);
  });

  it('parses a healthy holder: VIP address, variables, replication, binlog, keepalived', () => {
    const o = observe('lab-node1-holder.txt');
    expect(o.hostname).toBe('node1');
    expect(o.pollMs).toBe(180);
    expect(o.ipAddr?.interfaces.flatMap((i) => i.addresses.map((a) => a.address))).toContain('198.18.0.100');
    expect(o.mysql).toMatchObject({ reachable: true, error: null, heartbeatLagSeconds: null });
    expect(o.mysql.variables).toMatchObject({ server_id: '1', read_only: 'OFF', log_bin: 'ON', auto_increment_increment: '2' });
    expect(o.mysql.replication).toMatchObject({ ioRunning: 'Yes', sqlRunning: 'Yes', sourceHost: '198.18.0.12', flavor: 'mariadb' });
    expect(o.mysql.master?.file).toMatch(/^node1-bin\.\d+$/);
    expect(o.keepalived.running).toBe(true);
    expect(o.keepalived.conf?.instances[0]).toMatchObject({ name: 'VI_1', virtualRouterId: 51, priority: 101 });
    expect(o.keepalived.events.filter((e) => e.kind === 'state').at(-1)).toMatchObject({ state: 'MASTER', instance: 'VI_1' });
    expect(o.logCursor).toMatch(/^file:\d+:\d+$/);
    expect(o.parseErrors).toEqual([]);
  });

  it('reports MySQL as unreachable with the client error when mysqld is stopped', () => {
    const o = observe('lab-node1-mysqld-stopped.txt');
    expect(o.mysql.reachable).toBe(false);
    expect(o.mysql.error).toMatch(/^ERROR 2002 .*Can't connect/);
    expect(o.mysql.replication).toBeNull();
  });

  it('records a garbage section as a parse error and keeps the rest', () => {
    const text = recorded('lab-node2-passive.txt').replace(/@@tandem:ip-addr\n[\s\S]*?\n@@tandem:mysql-variables/, '@@tandem:ip-addr\n\u0000\u0001garbage\u0002\n@@tandem:mysql-variables');
    const o = parseCollectOutput(text, { startedAt: 0, finishedAt: 1 });
    expect(o.parseErrors.map((p) => p.section)).toEqual(['ip-addr']);
    expect(o.ipAddr).toBeNull();
    expect(o.mysql.replication?.ioRunning).toBe('Yes');
  });

  it('reads the status statements in batch form, as polls print them now: the 1236 error and its finding', () => {
    // Recorded after `labctl fault break-binlog node2` (one tab-separated row).
    const o = observe('lab-node2-io1236-batch.txt');
    expect(o.parseErrors).toEqual([]);
    expect(o.mysql.replication).toMatchObject({ ioRunning: 'No', sqlRunning: 'Yes', lastIoErrno: 1236, sourceHost: '198.18.0.11', sourceLogFile: 'node1-bin.000001', readSourceLogPos: 1820, secondsBehindSource: null, flavor: 'mariadb' });
    expect(o.mysql.replication?.lastIoError).toBe("Got fatal error 1236 from master when reading data from binary log: 'Could not find first log file name in binary log index file'");
    expect(o.mysql.master?.file).toMatch(/^node2-bin\.\d+$/);
    const s = buildSnapshot(settings, [memoryOf('node1', '198.18.0.11', 'lab-node1-holder.txt'), memoryOf('node2', '198.18.0.12', 'lab-node2-io1236-batch.txt')]);
    expect(s.findings.map((f) => `${f.code}@${f.node ?? '*'}`)).toContain('replication-1236-missing-binlog-file@node2');
  });

  it('builds a snapshot: holders, node fields and the 1236 finding', () => {
    const s = buildSnapshot(settings, [memoryOf('node1', '198.18.0.11', 'lab-node1-holder.txt'), memoryOf('node2', '198.18.0.12', 'lab-node2-io1236.txt')]);
    expect(s.vip).toEqual({ address: '198.18.0.100', holders: ['node1'] });
    expect(s.nodes[0]).toMatchObject({ name: 'node1', reachable: true, serverId: 1, readOnly: false, keepalived: { running: true, state: 'MASTER', priority: 101 } });
    expect(s.findings.map((f) => `${f.code}@${f.node ?? '*'}`)).toEqual(expect.arrayContaining(['replication-1236-missing-binlog-file@node2', 'passive-writable@node2']));
    expect(JSON.stringify(s)).not.toMatch(/auth_pass|tandemlb/);
  });

  it('sees the VIP move when node2 took it and node1 lost MySQL', () => {
    const s = buildSnapshot(settings, [memoryOf('node1', '198.18.0.11', 'lab-node1-mysqld-stopped.txt'), memoryOf('node2', '198.18.0.12', 'lab-node2-took-vip.txt')]);
    expect(s.vip.holders).toEqual(['node2']);
    expect(s.findings[0]).toMatchObject({ code: 'mysql-unreachable', node: 'node1', severity: 'critical' });
  });
});

describe('own-transaction counting (errant writes)', () => {
  it('reads MariaDB gtid_binlog_state for the server\'s own id', () => {
    expect(ownTransactionCount({ server_id: '2', gtid_binlog_state: '0-1-100,0-2-6' })).toBe(6);
    expect(ownTransactionCount({ server_id: '3', gtid_binlog_state: '0-1-100,0-2-6' })).toBe(0);
  });

  it('counts MySQL gtid_executed intervals for the server_uuid', () => {
    const uuid = '3e11fa47-71ca-11e1-9e33-c80aa9429562';
    expect(ownTransactionCount({ server_id: '1', server_uuid: uuid, gtid_executed: `${uuid}:1-5:11-18,\n2174b383-5441-11e8-b90a-c80aa9429562:1-3` })).toBe(13);
  });

  it('counts them when the server_uuid is not first in gtid_executed as the client prints it in a poll', () => {
    // The batch form escapes the newline MySQL puts after each comma; read raw,
    // "\\n<uuid>" never matched the server's own uuid and errant writes went unseen.
    const uuid = '3e11fa47-71ca-11e1-9e33-c80aa9429562';
    const poll = parseCollectOutput(
      ['@@tandem:mysql', '@@tandem:mysql-variables', '', 'variable_name\tvariable_value', 'server_id\t2', `server_uuid\t${uuid}`, `gtid_executed\t2174b383-5441-11e8-b90a-c80aa9429562:1-3,\\n${uuid}:1-5:11-18`, '@@tandem:mysql-end', '@@tandem:mysql-exit', '0', '@@tandem:end'].join('\n'),
      { startedAt: 0, finishedAt: 1 },
    );
    expect(poll.mysql.variables.gtid_executed).toBe(`2174b383-5441-11e8-b90a-c80aa9429562:1-3,\n${uuid}:1-5:11-18`);
    expect(ownTransactionCount(poll.mysql.variables)).toBe(13);
    const m = newNodeMemory('node1', '198.18.0.11');
    m.poll = poll;
    expect(buildSnapshot(settings, [m]).nodes[0]?.gtidPosition).toBe(`2174b383-5441-11e8-b90a-c80aa9429562:1-3,${uuid}:1-5:11-18`);
  });

  it('knows nothing without GTID variables', () => {
    expect(ownTransactionCount({ server_id: '1' })).toBeNull();
  });
});
