import { describe, expect, it } from 'vitest';
import { catchParseError } from '@/test/support/catch-parse-error';
import { fixture, fixtureFiles } from '@/test/support/fixture-files';
import { parseKeepalivedLog, type TKeepalivedEvent, type TVrrpState } from './keepalived-log';

const state = (at: string | null, instance: string, s: TVrrpState): TKeepalivedEvent => ({ kind: 'state', at, instance, state: s });
const script = (at: string | null, name: string, result: 'succeeded' | 'failed', detail: string | null = null): TKeepalivedEvent => ({
  kind: 'script',
  at,
  script: name,
  result,
  detail,
});
const priority = (at: string | null, instance: string | null, from: number | null, to: number): TKeepalivedEvent => ({ kind: 'priority', at, instance, from, to });
const advert = (at: string | null, instance: string, p: number | null, ours: number | null = null, source: string | null = null): TKeepalivedEvent => ({
  kind: 'higher-priority-advert',
  at,
  instance,
  priority: p,
  ours,
  source,
});
const CF = 'haproxy_keepalived_mysql_infra_check_haproxy';

const lab = (s: number): string => `Mon Nov 23 19:57:${String(s).padStart(2, '0')} 2026`;

const cases: [string, TKeepalivedEvent[]][] = [
  [
    // keepalived 1.2: only the new effective priority, and the sender's
    // priority without ours.
    'real-world/keepalived-log__cf-haproxy-boshrelease-v1224-check-failed-yields.txt',
    [script('Dec  7 12:47:34', 'check_haproxy', 'failed'), priority('Dec  7 12:47:34', CF, null, 101), advert('Dec  7 12:47:35', CF, 102), state('Dec  7 12:47:35', CF, 'BACKUP')],
  ],
  [
    // "Received lower prio advert 101, forcing new election" is not an event.
    'real-world/keepalived-log__cf-haproxy-boshrelease-v1224-master-back-preempts.txt',
    [advert('Dec  8 14:02:56', CF, 103), state('Dec  8 14:02:56', CF, 'BACKUP')],
  ],
  [
    'real-world/keepalived-log__dba-note-kp04-v2019-start-backup-to-master.txt',
    [script('Nov  5 06:26:04', 'check_run', 'succeeded'), state('Nov  5 06:26:04', 'VI_1', 'BACKUP'), state('Nov  5 06:26:20', 'VI_1', 'MASTER')],
  ],
  [
    'real-world/keepalived-log__dba-note-kp04-v2019-stop-restart-backup.txt',
    [state('Nov  4 08:42:45', 'VI_1', 'STOP'), script('Nov  4 08:42:46', 'check_run', 'succeeded'), state('Nov  4 08:42:46', 'VI_1', 'BACKUP')],
  ],
  [
    'real-world/keepalived-log__dba-note-kp04-v2019-vs-mysql-fault.txt',
    [
      script('Nov  1 16:32:22', 'vs_mysql_41', 'failed', 'now returning 1'),
      script('Nov  1 16:32:22', 'vs_mysql_41', 'failed', 'exited with status 1'),
      // The "sent 0 priority" that follows is the fault path, not a stop.
      state('Nov  1 16:32:22', 'VI_82', 'FAULT'),
    ],
  ],
  ['real-world/keepalived-log__dba-note-kp05-v2019-takeover-master.txt', [state('Nov  4 08:46:42', 'VI_1', 'MASTER')]],
  [
    'lab/keepalived-log__lab-v227-node1-failover-and-back.txt',
    [
      state(lab(37), 'VI_1', 'BACKUP'),
      script(lab(37), 'chk_mysql', 'succeeded'),
      state(lab(40), 'VI_1', 'MASTER'),
      script(lab(42), 'chk_mysql', 'failed', 'now returning 1'),
      script(lab(43), 'chk_mysql', 'failed', 'exited with status 1'),
      priority(lab(43), 'VI_1', 101, 91),
      advert(lab(46), 'VI_1', 99, 91, '198.18.0.12'),
      state(lab(46), 'VI_1', 'BACKUP'),
      script(lab(50), 'chk_mysql', 'succeeded', 'now returning 0'),
      script(lab(50), 'chk_mysql', 'succeeded'),
      priority(lab(50), 'VI_1', 91, 101),
      state(lab(52), 'VI_1', 'MASTER'),
    ],
  ],
  [
    'lab/keepalived-log__lab-v227-node2-takeover.txt',
    [
      state(lab(37), 'VI_1', 'BACKUP'),
      script(lab(37), 'chk_mysql', 'succeeded'),
      state(lab(46), 'VI_1', 'MASTER'),
      advert(lab(52), 'VI_1', 101, 99, '198.18.0.11'),
      state(lab(52), 'VI_1', 'BACKUP'),
    ],
  ],
];

describe('parseKeepalivedLog on fixtures', () => {
  it('covers every fixture of this kind', () => {
    const all = fixtureFiles('real-world', 'lab').filter((f) => /\/keepalived-log__/.test(f));
    expect(cases.map(([f]) => f).sort()).toEqual(all.sort());
  });

  // Address events are checked on their own below; here, the transitions.
  it.each(cases)('%s', (file, events) => {
    expect(parseKeepalivedLog(fixture(file)).events.filter((e) => e.kind !== 'vip')).toEqual(events);
  });
});

describe('parseKeepalivedLog on constructed logs', () => {
  it('reads keepalived 1.x syslog lines and ignores "Transition to"', () => {
    const text = [
      'Sep 14 03:03:54 linfan Keepalived_vrrp[6871]: VRRP_Script(chk_mysql) succeeded',
      'Sep 14 03:03:55 linfan Keepalived_vrrp[6871]: VRRP_Instance(VI_1) Transition to MASTER STATE',
      'Sep 14 03:03:56 linfan Keepalived_vrrp[6871]: VRRP_Instance(VI_1) Entering MASTER STATE',
      'Sep 14 03:12:19 linfan Keepalived_vrrp[6871]: VRRP_Script(chk_mysql) failed',
      'Sep 14 03:12:19 linfan Keepalived_vrrp[6871]: VRRP_Instance(VI_1) Changing effective priority from 100 to 95',
      'Sep 14 03:12:21 linfan Keepalived_vrrp[6871]: VRRP_Instance(VI_1) Received higher prio advert',
      'Sep 14 03:12:21 linfan Keepalived_vrrp[6871]: VRRP_Instance(VI_1) Entering BACKUP STATE',
      'Sep 14 03:12:21 linfan Keepalived_vrrp[6871]: VRRP_Group(VG1) Syncing instances to BACKUP state',
    ].join('\n');
    expect(parseKeepalivedLog(text).events).toEqual([
      script('Sep 14 03:03:54', 'chk_mysql', 'succeeded'),
      state('Sep 14 03:03:56', 'VI_1', 'MASTER'),
      script('Sep 14 03:12:19', 'chk_mysql', 'failed'),
      priority('Sep 14 03:12:19', 'VI_1', 100, 95),
      advert('Sep 14 03:12:21', 'VI_1', null),
      state('Sep 14 03:12:21', 'VI_1', 'BACKUP'),
    ]);
  });

  it('reads every version\'s priority change and higher-priority advert', () => {
    const text = [
      'Dec  7 12:47:34 lb1 Keepalived_vrrp[4558]: VRRP_Instance(VI_1) Effective priority = 91',
      'Dec  7 12:47:35 lb1 Keepalived_vrrp[4558]: VRRP_Instance(VI_1) Received higher prio advert 102',
      'Dec  7 12:47:36 lb1 Keepalived_vrrp[4558]: VRRP_Instance(VI_1) Received advert with higher priority 101, ours 91',
      'Dec  7 12:47:37 lb1 Keepalived_vrrp[4558]: VRRP_Instance(VI_1) Changing effective priority from 101 to 91',
      '(VI_1) Received advert from 198.18.0.12 with higher priority 101, ours 99',
      '(VI_1) Master received advert from 198.18.0.12 with same priority 100 but higher IP address than ours',
      // A configuration dump (SIGUSR1) prints this without an instance: not a change.
      '   Effective priority = 101',
    ].join('\n');
    expect(parseKeepalivedLog(text).events).toEqual([
      priority('Dec  7 12:47:34', 'VI_1', null, 91),
      advert('Dec  7 12:47:35', 'VI_1', 102),
      advert('Dec  7 12:47:36', 'VI_1', 101, 91),
      priority('Dec  7 12:47:37', 'VI_1', 101, 91),
      advert(null, 'VI_1', 101, 99, '198.18.0.12'),
      advert(null, 'VI_1', 100, 100, '198.18.0.12'),
    ]);
  });

  it('keeps ISO timestamps verbatim and uses null when a line has none', () => {
    const text = [
      '2026-11-23T19:57:40+0000 db1 Keepalived_vrrp[22770]: (VI_1) Entering MASTER STATE',
      '2026-11-23 19:57:41.123456 db1 Keepalived_vrrp[22770]: VRRP_Script(chk mysql) timed_out',
      '(VI_1) Entering FAULT STATE',
      'Changing effective priority from 99 to 89',
    ].join('\r\n');
    expect(parseKeepalivedLog(text).events).toEqual([
      state('2026-11-23T19:57:40+0000', 'VI_1', 'MASTER'),
      script('2026-11-23 19:57:41.123456', 'chk mysql', 'failed', 'timed out'),
      state(null, 'VI_1', 'FAULT'),
      priority(null, null, 99, 89),
    ]);
  });

  it('stops every instance still running when keepalived exits', () => {
    const text = [
      'Mon Nov 23 20:00:00 2026: (VI_1) Entering MASTER STATE',
      'Mon Nov 23 20:00:00 2026: (VI_2) Entering BACKUP STATE',
      'Mon Nov 23 20:00:05 2026: Stopping',
      'Mon Nov 23 20:00:05 2026: (VI_1) sent 0 priority',
      'Mon Nov 23 20:00:06 2026: Stopped - used 0.001157 user time, 0.017364 system time',
      'Mon Nov 23 20:00:06 2026: Stopped Keepalived v2.2.7 (01/16,2022)',
    ].join('\n');
    expect(parseKeepalivedLog(text).events).toEqual([
      state('Mon Nov 23 20:00:00 2026', 'VI_1', 'MASTER'),
      state('Mon Nov 23 20:00:00 2026', 'VI_2', 'BACKUP'),
      state('Mon Nov 23 20:00:05 2026', 'VI_1', 'STOP'),
      state('Mon Nov 23 20:00:06 2026', 'VI_2', 'STOP'),
    ]);
  });

  it.each([
    ['empty', ''],
    ['prose', 'nothing to see here\n'],
    ['JSON', '{"events": []}'],
    ['a mysql error', "ERROR 1045 (28000): Access denied for user 'root'@'localhost'"],
    ['a table', '+---+\n| A |\n+---+'],
  ])('gives no events for %s', (_, text) => {
    expect(parseKeepalivedLog(text)).toEqual({ events: [] });
  });

  it('rejects NUL bytes and binary data', () => {
    expect(catchParseError(() => parseKeepalivedLog('Nov  4 08:46:42 kp05 ok\nbad\u0000line')).line).toBe(2);
    expect(catchParseError(() => parseKeepalivedLog('\u0001\u0002\u0003')).kind).toBe('keepalived-log');
  });

  it('keeps a FAULT that an earlier chunk reported when the next chunk says the master resigned', () => {
    const chunk = 'Wed Dec  2 11:44:28 2026: (VI_1) sent 0 priority\nWed Dec  2 11:44:28 2026: (VI_1) removing VIPs.';
    const states = (previous: TVrrpState) => parseKeepalivedLog(chunk, { previous }).events.filter((e) => e.kind === 'state');
    expect(states('FAULT')).toEqual([]);
    expect(states('MASTER')).toMatchObject([{ kind: 'state', instance: 'VI_1', state: 'STOP' }]);
  });

  it('finds the address events in the recorded lab takeover', () => {
    const vips = parseKeepalivedLog(fixture('lab/keepalived-log__lab-v227-node2-takeover.txt')).events.flatMap((e) => (e.kind === 'vip' ? [`${e.at} ${e.held ? `held ${e.address}` : 'removed'}`] : []));
    expect(vips).toEqual([
      'Mon Nov 23 19:57:37 2026 removed',
      'Mon Nov 23 19:57:46 2026 held null',
      'Mon Nov 23 19:57:46 2026 held 198.18.0.100',
      'Mon Nov 23 19:57:46 2026 held 198.18.0.100',
      'Mon Nov 23 19:57:47 2026 held 198.18.0.100',
      'Mon Nov 23 19:57:47 2026 held 198.18.0.100',
      'Mon Nov 23 19:57:52 2026 removed',
    ]);
  });

  it('reads keepalived\'s own word on its addresses: removed with the instance, announced by address', () => {
    const log = [
      'Wed Dec  2 11:44:28 2026: (VI_1) removing VIPs.',
      'Wed Dec  2 11:44:29 2026: (VI_1) setting VIPs.',
      'Wed Dec  2 11:44:29 2026: (VI_1) Sending/queueing gratuitous ARPs on eth0 for 198.18.0.100',
      'Wed Dec  2 11:44:29 2026: Sending gratuitous ARP on eth0 for 198.18.0.100',
      'Sep 14 03:08:25 linfan Keepalived_vrrp[6710]: VRRP_Instance(VI_1) Sending gratuitous ARPs on eth0 for 192.168.24.188',
      'Sep 14 03:08:25 linfan Keepalived_vrrp[6710]: VRRP_Instance(VI_1) removing protocol VIPs.',
      'Wed Dec  2 11:44:29 2026: (VI_6) Sending/queueing Unsolicited Neighbour Adverts on eth0 for fd00::100',
    ].join('\n');
    expect(parseKeepalivedLog(log).events).toEqual([
      { kind: 'vip', at: 'Wed Dec  2 11:44:28 2026', instance: 'VI_1', held: false, address: null },
      { kind: 'vip', at: 'Wed Dec  2 11:44:29 2026', instance: 'VI_1', held: true, address: null },
      { kind: 'vip', at: 'Wed Dec  2 11:44:29 2026', instance: 'VI_1', held: true, address: '198.18.0.100' },
      { kind: 'vip', at: 'Wed Dec  2 11:44:29 2026', instance: null, held: true, address: '198.18.0.100' },
      { kind: 'vip', at: 'Sep 14 03:08:25', instance: 'VI_1', held: true, address: '192.168.24.188' },
      { kind: 'vip', at: 'Sep 14 03:08:25', instance: 'VI_1', held: false, address: null },
      { kind: 'vip', at: 'Wed Dec  2 11:44:29 2026', instance: 'VI_6', held: true, address: 'fd00::100' },
    ]);
  });
});
