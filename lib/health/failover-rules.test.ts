import { describe, expect, it } from 'vitest';
import { fixture } from '@/test/support/fixture-files';
import { nodeWithConf } from '@/test/support/node-view';
import { evaluateHealth } from './evaluate-health';
import { failoverRules } from './failover-rules';
import type { TClusterView, TNodeView } from './types';

const pair = (vip: string, a: TNodeView, b: TNodeView): TClusterView => ({ vip, virtualRouterId: null, lagThresholdSeconds: 30, nodes: [a, b] });
const codes = (view: TClusterView) => failoverRules(view).map((f) => `${f.code}@${f.node ?? '*'}`);

const dbaNote = () => pair('192.168.0.93', nodeWithConf('kp04', fixture('real-world/keepalived-conf__dba-note-mysql-ha-master-nopreempt.txt')), nodeWithConf('kp05', fixture('real-world/keepalived-conf__dba-note-mysql-ha-slave-nopreempt.txt')));
const hmlinux = (edit: (text: string) => string = (t) => t) =>
  pair('192.168.6.176', nodeWithConf('db1', edit(fixture('real-world/keepalived-conf__hmlinux-mysql-keepalived-db1-nopreempt.txt'))), nodeWithConf('db2', edit(fixture('real-world/keepalived-conf__hmlinux-mysql-keepalived-db2.txt'))));
const lab = (edit: (text: string) => string = (t) => t) =>
  pair('198.18.0.100', nodeWithConf('node1', edit(fixture('lab/keepalived-conf__lab-node1.txt'))), nodeWithConf('node2', edit(fixture('lab/keepalived-conf__lab-node2.txt'))));
// What `labctl up --nopreempt` would give if it kept the weighted check.
const nopreemptKeepingWeight = (text: string) => text.replace(/state MASTER/, 'state BACKUP').replace(/advert_int 1\n/, 'advert_int 1\n    nopreempt\n');

describe('failover rules on real keepalived.conf files', () => {
  it('find nothing wrong with nopreempt, BACKUP on both and a check of weight 0 (the dba_note setup)', () => {
    expect(codes(dbaNote())).toEqual([]);
  });

  it('see that a sync group drops a weighted check, so it never moves the VIP (the hmlinux setup)', () => {
    const findings = failoverRules(hmlinux());
    expect(findings.map((f) => `${f.code}@${f.node}`)).toEqual(['check-ignored-in-sync-group@db1', 'check-ignored-in-sync-group@db2']);
    expect(findings[0]?.message).toContain('vrrp_sync_group MySQL_HA_G1 and tracks chk_mysql');
    expect(findings[0]?.advice).toContain('weight 0');
  });

  it('warn when nopreempt meets a weighted check: a failed check never fails over', () => {
    const withTrackingWeight = hmlinux((t) => t.replace('MySQL_HA_1\n    }\n}', 'MySQL_HA_1\n    }\n    sync_group_tracking_weight\n}'));
    expect(codes(withTrackingWeight)).toEqual(['nopreempt-weighted-check@db1']);
    const both = failoverRules(lab(nopreemptKeepingWeight));
    expect(both.map((f) => `${f.code}@${f.node}`)).toEqual(['nopreempt-weighted-check@node1', 'nopreempt-weighted-check@node2']);
    expect(both[0]?.message).toContain('chk_mysql (weight -10)');
    expect(both[0]?.advice).toContain('FAULT');
  });

  it('let a track_script weight override the script\'s', () => {
    const overridden = lab((t) => nopreemptKeepingWeight(t).replace(/track_script \{\n(\s+)chk_mysql/, 'track_script {\n$1chk_mysql weight 0'));
    expect(overridden.nodes[0]?.keepalived?.instances[0]?.trackScripts).toEqual([{ name: 'chk_mysql', weight: 0 }]);
    expect(codes(overridden)).toEqual([]);
  });

  it('warn that the preempting node takes the VIP back before catching up (the lab\'s default setup)', () => {
    const [f, ...rest] = failoverRules(lab());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'preempt-before-catch-up', severity: 'warning', node: 'node1' });
    expect(f?.message).toContain('priority 101 over node2 (99)');
    expect(f?.message).toContain('as soon as its check chk_mysql passes again');
    expect(f?.advice).toContain('nopreempt');
  });

  it('are part of the cluster\'s findings', () => {
    expect(evaluateHealth(lab()).map((f) => f.code)).toContain('preempt-before-catch-up');
  });
});
