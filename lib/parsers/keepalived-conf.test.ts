import { describe, expect, it } from 'vitest';
import { catchParseError } from '@/test/support/catch-parse-error';
import { fixture, fixtureFiles } from '@/test/support/fixture-files';
import { parseKeepalivedConf, type TKeepalivedConf, type TVrrpInstance, type TVrrpScript } from './keepalived-conf';

const instance = (fields: Partial<TVrrpInstance> & { name: string }): TVrrpInstance => ({
  state: null,
  interface: null,
  virtualRouterId: null,
  priority: null,
  advertInt: null,
  nopreempt: false,
  virtualIpAddresses: [],
  trackScripts: [],
  trackFiles: [],
  unicastPeers: [],
  ...fields,
});
const track = (name: string, weight: number | null = null) => ({ name, weight });
const script = (fields: Partial<TVrrpScript> & { name: string }): TVrrpScript => ({ script: null, interval: null, weight: null, fall: null, rise: null, ...fields });

const dbaNote = (priority: number): TKeepalivedConf => ({
  instances: [
    instance({
      name: 'VI_1',
      state: 'BACKUP',
      interface: 'enp0s3',
      virtualRouterId: 82,
      priority,
      advertInt: 5,
      nopreempt: true,
      virtualIpAddresses: ['192.168.0.93'],
      trackScripts: [track('check_run')],
    }),
  ],
  // The commented-out python script line above it must not win.
  scripts: [script({ name: 'check_run', script: '/etc/keepalived/mysql_check.sh', interval: 15 })],
  syncGroups: [{ name: 'VG1', instances: ['VI_1'], hasTrackingWeight: false }],
  trackFiles: [],
});

const hmlinux = (priority: number, nopreempt: boolean): TKeepalivedConf => ({
  instances: [
    instance({
      name: 'MySQL_HA_1',
      state: 'BACKUP',
      interface: 'eth1',
      virtualRouterId: 176,
      priority,
      advertInt: 2,
      nopreempt,
      virtualIpAddresses: ['192.168.6.176/24'],
      trackScripts: [track('chk_mysql'), track('chage_status')],
    }),
  ],
  scripts: [
    script({ name: 'chk_mysql', script: '/etc/keepalived/scripts/check_mysql.sh', interval: 6, fall: 2, rise: 1, weight: 20 }),
    script({ name: 'chage_status', script: '/etc/keepalived/scripts/chage_status.sh', interval: 10 }),
  ],
  syncGroups: [{ name: 'MySQL_HA_G1', instances: ['MySQL_HA_1'], hasTrackingWeight: false }],
  trackFiles: [],
});

const lab = (node: 'node1' | 'node2', state: string, priority: number): TKeepalivedConf => ({
  instances: [
    instance({ name: 'VI_1', state, interface: 'eth0', virtualRouterId: 51, priority, advertInt: 1, virtualIpAddresses: ['198.18.0.100/24'], trackScripts: [track('chk_mysql')] }),
  ],
  scripts: [script({ name: 'chk_mysql', script: `/work/main/lab/.state/${node}/chk_mysql.sh`, interval: 1, fall: 2, rise: 1, weight: -10 })],
  syncGroups: [],
  trackFiles: [],
});

const cases: [string, TKeepalivedConf][] = [
  ['real-world/keepalived-conf__dba-note-mysql-ha-master-nopreempt.txt', dbaNote(100)],
  ['real-world/keepalived-conf__dba-note-mysql-ha-slave-nopreempt.txt', dbaNote(90)],
  ['real-world/keepalived-conf__hmlinux-mysql-keepalived-db1-nopreempt.txt', hmlinux(100, true)],
  ['real-world/keepalived-conf__hmlinux-mysql-keepalived-db2.txt', hmlinux(90, false)],
  ['lab/keepalived-conf__lab-node1.txt', lab('node1', 'MASTER', 101)],
  ['lab/keepalived-conf__lab-node2.txt', lab('node2', 'BACKUP', 99)],
];

describe('parseKeepalivedConf on fixtures', () => {
  it('covers every fixture of this kind', () => {
    const all = fixtureFiles('real-world', 'lab').filter((f) => /\/keepalived-conf__/.test(f));
    expect(cases.map(([f]) => f).sort()).toEqual(all.sort());
  });

  it.each(cases)('%s', (file, expected) => {
    expect(parseKeepalivedConf(fixture(file))).toEqual(expected);
  });
});

describe('parseKeepalivedConf on constructed configs', () => {
  it('handles brace placement, one-line blocks, comments, quotes and ignored blocks', () => {
    const text = [
      '! Configuration File for keepalived',
      'global_defs { router_id db1 }',
      'vrrp_script chk_mysql',
      '{',
      '\tscript   "/opt/chk_mysql.sh --port 3306"   # quoted, with spaces',
      '\tinterval 2 ! trailing bang comment',
      '\tweight -20 reverse',
      '}',
      'vrrp_script chk_bare {',
      '    script /usr/bin/pgrep -x mysqld',
      '}',
      'virtual_server 10.0.0.100 3306 {',
      '    real_server 10.0.0.11 3306 { weight 1 }',
      '    priority 5',
      '}',
      'vrrp_instance VI_DB {',
      '  state BACKUP',
      '  interface eth1',
      '  virtual_router_id 51',
      '  priority 90',
      '  advert_int 0.5',
      '  nopreempt',
      '  authentication { auth_type PASS',
      '    auth_pass pa#ss }',
      '  unicast_src_ip 10.0.0.12',
      '  unicast_peer {',
      '    10.0.0.11',
      '  }',
      '  virtual_ipaddress { 10.0.0.100/24 dev eth1 label eth1:vip',
      '    10.0.0.101',
      '  }',
      '  track_script { chk_mysql weight 5',
      '  chk_bare }',
      '}',
      'vrrp_sync_group VG_DB {',
      '  group { VI_DB }',
      '  sync_group_tracking_weight',
      '}',
    ].join('\n');
    expect(parseKeepalivedConf(text)).toEqual({
      instances: [
        instance({
          name: 'VI_DB',
          state: 'BACKUP',
          interface: 'eth1',
          virtualRouterId: 51,
          priority: 90,
          advertInt: 0.5,
          nopreempt: true,
          virtualIpAddresses: ['10.0.0.100/24', '10.0.0.101'],
          trackScripts: [track('chk_mysql', 5), track('chk_bare')],
          unicastPeers: ['10.0.0.11'],
        }),
      ],
      scripts: [
        script({ name: 'chk_mysql', script: '/opt/chk_mysql.sh --port 3306', interval: 2, weight: -20 }),
        script({ name: 'chk_bare', script: '/usr/bin/pgrep -x mysqld' }),
      ],
      syncGroups: [{ name: 'VG_DB', instances: ['VI_DB'], hasTrackingWeight: true }],
  trackFiles: [],
    });
  });

  it('gives nothing for an empty or comment-only config', () => {
    expect(parseKeepalivedConf('')).toEqual({ instances: [], scripts: [], syncGroups: [], trackFiles: [] });
    expect(parseKeepalivedConf('# nothing\n! here\n\n')).toEqual({ instances: [], scripts: [], syncGroups: [], trackFiles: [] });
  });

  it.each([
    ['an unclosed block (line of its "{")', 'global_defs {\n}\nvrrp_instance VI_1 {\n  state MASTER\n  track_script {\n    chk\n}\n', 3],
    ['a stray "}"', 'vrrp_instance VI_1 {\n  priority 100\n}\n}\n', 4],
    ['a "{" with no keyword', '{\n}\n', 1],
    ['an unterminated quote', 'vrrp_script s {\n  script "/bin/true\n}\n', 2],
    ['a non-numeric priority', 'vrrp_instance VI_1 {\n  priority high\n}\n', 2],
    ['a track_script weight without a number', 'vrrp_instance VI_1 {\n  track_script {\n    chk\n    chk2 weight\n  }\n}\n', 4],
    ['a vrrp_instance without a name', 'vrrp_instance {\n}\n', 1],
    ['a vrrp_script without a block', 'vrrp_script chk\n', 1],
    ['a mysql error', "ERROR 1045 (28000): Access denied for user 'root'@'localhost'", 1],
  ])('rejects %s with its line number', (_, text, line) => {
    const e = catchParseError(() => parseKeepalivedConf(text));
    expect(e.kind).toBe('keepalived-conf');
    expect(e.line).toBe(line);
  });

  it('reads track files (vrrp_track_file is the 2.0 spelling) and the instance references with their weights', () => {
    const conf = parseKeepalivedConf(`track_file tandem_maint {\n  file "/etc/keepalived/tandem-maint"\n  weight 1\n  init_file 0\n}\nvrrp_track_file old {\n  file /tmp/x\n}\nvrrp_instance VI_1 {\n  state BACKUP\n  track_file {\n    tandem_maint\n    old weight 0\n  }\n}\n`);
    expect(conf.trackFiles).toEqual([{ name: 'tandem_maint', file: '/etc/keepalived/tandem-maint', weight: 1 }, { name: 'old', file: '/tmp/x', weight: null }]);
    expect(conf.instances[0]?.trackFiles).toEqual([{ name: 'tandem_maint', weight: null }, { name: 'old', weight: 0 }]);
  });
});
