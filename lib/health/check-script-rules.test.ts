import { describe, expect, it } from 'vitest';
import { fixture } from '@/test/support/fixture-files';
import { nodeWithConf } from '@/test/support/node-view';
import { checkScriptRules } from './check-script-rules';
import { evaluateHealth } from './evaluate-health';
import type { TClusterView, TNodeView } from './types';

const LAB_SCRIPT = /script "[^"]*"/;
// The lab's keepalived.conf with its vrrp_script command replaced.
const labNode = (name: 'node1' | 'node2', script: string | null, over: Partial<TNodeView> = {}) => {
  const text = fixture(`lab/keepalived-conf__lab-${name}.txt`);
  return nodeWithConf(name, script === null ? text : text.replace(LAB_SCRIPT, `script "${script}"`).replace(/weight -10/, 'weight 0'), over);
};
const view = (...nodes: TNodeView[]): TClusterView => ({ vip: '198.18.0.100', virtualRouterId: 51, lagThresholdSeconds: 30, nodes });
const codes = (v: TClusterView) => checkScriptRules(v).map((f) => `${f.code}@${f.node ?? '*'}`);

describe('a VIP check that needs a writable server', () => {
  it('is seen in an inline command that writes', () => {
    const [f, ...rest] = checkScriptRules(view(labNode('node1', "/usr/bin/mysql -e 'INSERT INTO ha.probe (at) VALUES (NOW())'"), labNode('node2', null)));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'check-tests-writability', severity: 'warning', node: 'node1' });
    expect(f?.message).toContain('writes to MySQL');
    expect(f?.message).toContain('FAULT');
    expect(f?.advice).toContain('SELECT 1');
  });

  it('is seen in an inline command that tests read_only', () => {
    expect(codes(view(labNode('node1', null), labNode('node2', "/bin/sh -c 'test $(mysql -Nse @@global.read_only) = 0'")))).toEqual(['check-tests-writability@node2']);
  });

  it('is not suspected of a liveness query or a script path', () => {
    // The inline check published for ProxySQL in front of MySQL.
    expect(codes(view(labNode('node1', "mysql -uradmin -h127.0.0.1 -P6032 -e 'SELECT 1'"), labNode('node2', null)))).toEqual([]);
    expect(codes(view(labNode('node1', '/etc/keepalived/update_check.sh'), labNode('node2', null)))).toEqual([]);
  });

  it('is suspected when a read-only node whose MySQL answers is held in FAULT by a failing check', () => {
    const faulty = (over: Partial<TNodeView> = {}, state = 'FAULT') => {
      const n = labNode('node2', null, { variables: { read_only: 'ON' }, ...over });
      return { ...n, keepalived: n.keepalived && { ...n.keepalived, state, lastCheck: { script: 'chk_mysql', result: 'failed' as const } } };
    };
    const [f] = checkScriptRules(view(labNode('node1', null), faulty()));
    expect(f).toMatchObject({ code: 'check-fails-on-read-only', severity: 'warning', node: 'node2' });
    expect(f?.message).toContain('the health check fails on a read-only node');
    expect(codes(view(faulty({ mysqlReachable: false, mysqlError: "Can't connect" })))).toEqual([]);
    expect(codes(view(faulty({ variables: { read_only: 'OFF' } })))).toEqual([]);
    expect(codes(view(faulty({}, 'BACKUP')))).toEqual([]);
    expect(evaluateHealth(view(labNode('node1', null), faulty())).map((x) => x.code)).toEqual(expect.arrayContaining(['check-fails-on-read-only', 'health-check-failing']));
  });
});
