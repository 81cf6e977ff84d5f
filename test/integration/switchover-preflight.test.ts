import { beforeAll, describe, expect, it } from 'vitest';
import { loadTargets } from '@/agents/load-targets';
import type { TNodeFacts } from '@/lib/actions/node-facts';
import { switchoverPreflight } from '@/lib/actions/switchover/preflight';
import type { TActionContext } from '@/lib/actions/types';
import { getDb } from '@/lib/db/client';
import { parseKeepalivedConf } from '@/lib/parsers/keepalived-conf';
import { api } from '../support/api';
import { sampleDoc } from '../support/fixtures';

// The preflight's judgement on node facts, against a real inventory
// database (baselines, locks, the anti-flap window live there). The facts
// are what gatherNodeFacts reads from a healthy lab pair, changed one
// property at a time.
const CONF = (nopreempt: boolean, weight: number | null) =>
  parseKeepalivedConf(`${weight === null ? '' : `track_file tandem_maint {\n  file "/etc/keepalived/tandem-maint"\n  weight ${weight}\n}\n`}vrrp_instance VI_1 {\n  state BACKUP\n  priority 101\n${nopreempt ? '  nopreempt\n' : ''}  virtual_ipaddress {\n    198.18.0.100/24 dev eth0\n  }\n${weight === null ? '' : '  track_file {\n    tandem_maint\n  }\n'}}\n`);

const GRANTS = ['RELOAD', 'PROCESS', 'BINLOG MONITOR', 'SLAVE MONITOR', 'READ_ONLY ADMIN', 'CONNECTION ADMIN'];

let ctx: TActionContext;

const facts = async (change: (source: TNodeFacts, target: TNodeFacts) => void = () => undefined): Promise<TNodeFacts[]> => {
  const [t1, t2] = ctx.targets;
  if (!t1 || !t2) throw new Error('no targets');
  const replication = { ioRunning: 'Yes', sqlRunning: 'Yes', lastIoErrno: 0, lastIoError: '', lastSqlErrno: 0, lastSqlError: '', secondsBehindSource: 0 };
  const node = (name: string, target: typeof t1, holder: boolean): TNodeFacts =>
    ({
      name,
      target,
      reachable: true,
      error: null,
      poll: { mysql: { replication, heartbeatLagSeconds: 0.4, variables: { binlog_format: 'ROW' } } },
      holdsVip: holder,
      readOnly: !holder,
      serverId: name === 'node1' ? '1' : '2',
      version: '10.11.6-MariaDB-0+deb12u1-log',
      ownTransactions: name === 'node1' ? 900 : 100,
      keepalivedRunning: true,
      keepalivedState: holder ? 'MASTER' : 'BACKUP',
      conf: CONF(true, 1),
      longTrx: [],
      longQueries: [],
      bypassUsers: [
        { grantee: "'root'@'localhost'", privilege: 'READ_ONLY ADMIN' },
        { grantee: "'tandem'@'%'", privilege: 'READ_ONLY ADMIN' },
      ],
      currentUser: 'tandem@%',
      grants: GRANTS,
      extrasError: null,
    }) as unknown as TNodeFacts;
  const source = node('node1', t1, true);
  const target = node('node2', t2, false);
  change(source, target);
  return [source, target];
};

const failing = async (change?: (source: TNodeFacts, target: TNodeFacts) => void) =>
  (await switchoverPreflight(ctx, { to: 'node2' }, await facts(change), { force: false })).filter((c) => !c.ok && c.severity === 'block');

describe('the switchover preflight', () => {
  beforeAll(async () => {
    expect((await api('POST', '/api/clusters', { json: sampleDoc() })).status).toBe(201);
    const db = await getDb();
    const cluster = await db.cluster.findUniqueOrThrow({ where: { name: 'lab' } });
    await db.node.updateMany({ where: { clusterId: cluster.id, name: 'node2' }, data: { passiveOwnTransactions: 100 } });
    ctx = { db, pool: undefined as never, cluster: { id: cluster.id, name: 'lab', vip: '198.18.0.100' }, runId: null, targets: await loadTargets({ db, cluster: 'lab' }), probe: { port: 3306, user: 'probe', password: 'x' }, memo: new Map(), log: () => undefined, pollNow: () => undefined };
  });

  it('passes a healthy pair: local admin accounts and Tandem\'s own user may bypass read_only', async () => {
    expect(await failing()).toEqual([]);
  });

  it('lists the missing grants with the exact GRANT to run', async () => {
    const [check] = await failing((_s, t) => (t.grants = ['RELOAD', 'PROCESS', 'REPLICATION CLIENT']));
    expect(check?.check).toBe('grants-node2');
    expect(check?.detail).toContain("GRANT READ_ONLY ADMIN, CONNECTION ADMIN ON *.* TO 'tandem'@'%';");
  });

  it('names a remote application account that can write through read_only, with the REVOKE', async () => {
    const [check] = await failing((s) => s.bypassUsers.push({ grantee: "'app'@'10.0.0.%'", privilege: 'READ_ONLY ADMIN' }));
    expect(check?.check).toBe('read-only-bypass');
    expect(check?.detail).toContain("REVOKE READ_ONLY ADMIN ON *.* FROM 'app'@'10.0.0.%';");
  });

  it('refuses a weight-0 track file under preempt, and a missing one with the configuration to add', async () => {
    expect((await failing((s, t) => (s.conf = t.conf = CONF(false, 0)))).map((c) => c.check)).toEqual(['keepalived-track-file']);
    expect(await failing((s, t) => (s.conf = t.conf = CONF(true, 0)))).toEqual([]);
    const [missing] = await failing((s, t) => (s.conf = t.conf = CONF(true, null)));
    expect(missing?.detail).toContain('track_file tandem_maint {');
  });

  it('refuses MySQL, a lagging or errant target, long work on the source, and two writers', async () => {
    expect((await failing((s) => (s.version = '8.0.36'))).map((c) => c.check)).toEqual(['server-flavour']);
    expect((await failing((_s, t) => (t.poll = { mysql: { replication: { ioRunning: 'Yes', sqlRunning: 'Yes', secondsBehindSource: 9 }, heartbeatLagSeconds: 9, variables: {} } } as never))).map((c) => c.check)).toEqual(['target-caught-up']);
    expect((await failing((_s, t) => (t.ownTransactions = 123))).map((c) => c.check)).toEqual(['errant-transactions']);
    expect((await failing((s) => s.longTrx.push({ thread: 7, seconds: 30, query: '' }))).map((c) => c.check)).toEqual(['long-transactions']);
    expect((await failing((_s, t) => (t.readOnly = false))).map((c) => c.check)).toEqual(['read-only']);
  });

  it('warns rather than blocks when keepalived\'s states are not in the recent log', async () => {
    const checks = await switchoverPreflight(ctx, { to: 'node2' }, await facts((s, t) => (s.keepalivedState = t.keepalivedState = null)), { force: false });
    expect(checks.find((c) => c.check === 'keepalived-states')).toMatchObject({ ok: false, severity: 'warn' });
    expect(checks.filter((c) => !c.ok && c.severity === 'block')).toEqual([]);
  });
});
