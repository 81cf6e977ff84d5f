import { isSqlError, runSql } from '@/agents/action-sql';
import { getClusterState } from '@/lib/collector/get-cluster-state';
import { block, engineChecks, replicationCheck, warn } from '../common-checks';
import type { TNodeFacts } from '../node-facts';
import type { TActionContext, TPreflightCheck } from '../types';
import { failureCommands, type TDrillFailure, type TResolvedServiceCommands } from './service-commands';

export type TDrillParams = { failure: TDrillFailure; node?: string; holdSeconds: number; writesPerSecond: number };

// A drill starts only from a healthy pair: otherwise its figures would
// measure the old trouble, not the failure it injects.
export const MAX_LAG_SECONDS = 2;
// Findings about how the pair is set up rather than how it is now: they do
// not stop a drill (a drill is how to see what they cost) but are listed.
export const SETUP_FINDINGS = new Set<string>([
  'preempt-before-catch-up',
  'nopreempt-weighted-check',
  'nopreempt-ignored',
  'equal-priorities',
  'check-tests-writability',
  'check-ignored-in-sync-group',
  'flush-log-unsafe',
  'sync-binlog-unsafe',
  'slave-skip-errors',
  'binlog-checksum-differs',
  'auto-increment-collide',
  'vip-config-differs',
  'vrid-differs',
]);

// The monitor saves its view at least every 5 s; older means nobody watches.
const SNAPSHOT_FRESH_MS = 15_000;

const lagOf = (f: TNodeFacts): { sbm: number | null; hb: number | null } => ({ sbm: f.poll?.mysql.replication?.secondsBehindSource ?? null, hb: f.poll?.mysql.heartbeatLagSeconds ?? null });

export const drillPreflight = async (ctx: TActionContext, params: TDrillParams, facts: TNodeFacts[], commands: TResolvedServiceCommands | null, options: { force: boolean }): Promise<TPreflightCheck[]> => {
  const checks: TPreflightCheck[] = [];
  const unreachable = facts.filter((f) => !f.reachable || f.error);
  const holders = facts.filter((f) => f.holdsVip);
  checks.push(block('pair', facts.length === 2, facts.length === 2 ? `${facts.map((f) => f.name).join(' and ')}` : `the drill is for a pair of masters; ${ctx.cluster.name} has ${facts.length} nodes`));
  checks.push(block('nodes-reachable', unreachable.length === 0, unreachable.length === 0 ? `${facts.map((f) => f.name).join(', ')} answer over SSH and MySQL` : unreachable.map((f) => `${f.name}: ${f.error ?? 'unreachable'}`).join('; ')));
  checks.push(block('vip-single-holder', holders.length === 1, holders.length === 1 ? `${holders[0]?.name} holds the VIP ${ctx.cluster.vip}` : holders.length === 0 ? `nobody holds the VIP ${ctx.cluster.vip}` : `${holders.map((h) => h.name).join(' and ')} all hold the VIP: split brain, fix it first`));
  const node = params.node ?? holders[0]?.name;
  checks.push(block('node', node !== undefined, node ? `the failure is injected on ${node}${node === holders[0]?.name ? ' (the VIP holder)' : ' (not the VIP holder: the VIP should stay put)'}` : 'no node given and no single VIP holder to default to'));

  const failure = commands ? failureCommands(commands, params.failure) : null;
  checks.push(block('service-commands', failure !== null, failure ? `inject: ${failure.inject}; restore: ${failure.restore}` : params.failure === 'isolate' ? `isolation is not configured for ${node ?? 'the node'}: set services.isolate and services.heal in its inventory entry (docs/operator-guide.md has an nftables recipe)` : `no service commands for ${node ?? 'the node'}`));
  checks.push(block('probe-credential', ctx.probe !== null, ctx.probe ? `the probe writes and reads through the VIP as ${ctx.probe.user}, as an application would` : 'no probe credential stored for this cluster: the drill measures what an application sees through it. Add probe.user and probe.password to the inventory'));
  if (unreachable.length > 0) return [...checks, ...(await engineChecks(ctx, options))];

  const writers = facts.filter((f) => f.readOnly === false).map((f) => f.name);
  const holder = holders[0]?.name;
  checks.push(block('one-writer', writers.length === 1 && writers[0] === holder, `writable: ${writers.join(', ') || 'none'}${writers.length === 1 && writers[0] === holder ? ' (the VIP holder only)' : '; expected the VIP holder only'}`));
  for (const f of facts) {
    const peer = facts.find((p) => p.name !== f.name)?.name ?? 'its source';
    checks.push(replicationCheck(`replication-to-${f.name}`, f, peer));
  }
  for (const f of facts) {
    const { sbm, hb } = lagOf(f);
    const ok = sbm !== null && sbm <= MAX_LAG_SECONDS && (hb === null || hb <= MAX_LAG_SECONDS + 1);
    checks.push(block(`lag-${f.name}`, ok, `${f.name} is ${sbm === null ? 'an unknown time' : `${sbm} s`} behind${hb !== null ? ` (heartbeat ${hb.toFixed(1)} s)` : ''}; the limit is ${MAX_LAG_SECONDS} s`));
  }
  const kaDown = facts.filter((f) => !f.keepalivedRunning);
  checks.push(block('keepalived-running', kaDown.length === 0, kaDown.length === 0 ? 'keepalived runs on every node' : `keepalived is not running on ${kaDown.map((f) => f.name).join(' and ')}`));

  // Tandem's monitor must be watching: it is what the drill times detection
  // by, and its findings say whether the pair is healthy now.
  const snapshot = await getClusterState({ db: ctx.db, name: ctx.cluster.name }).catch(() => null);
  const age = snapshot ? Date.now() - Date.parse(snapshot.observedAt) : null;
  if (!snapshot || age === null || age > SNAPSHOT_FRESH_MS) {
    checks.push(block('monitor', false, snapshot ? `Tandem's monitor last saw ${ctx.cluster.name} ${Math.round((age ?? 0) / 1000)} s ago: start the server (npm start) so the drill can time detection` : `Tandem's monitor has never seen ${ctx.cluster.name}: start the server first`));
  } else {
    const open = snapshot.findings.filter((f) => f.severity === 'critical' || f.severity === 'warning');
    const describe = (list: typeof open) => list.slice(0, 4).map((f) => `${f.severity} ${f.code}${f.node ? ` on ${f.node}` : ''}: ${f.message}`).join('; ');
    const bad = open.filter((f) => !SETUP_FINDINGS.has(f.code));
    const setup = open.filter((f) => SETUP_FINDINGS.has(f.code));
    checks.push(block('healthy', bad.length === 0, bad.length === 0 ? 'no critical or warning finding about the current state' : `open findings: ${describe(bad)}`));
    if (setup.length > 0) checks.push(warn('setup-findings', true, `about the setup, not the current state (the drill shows what they cost): ${describe(setup)}`));
  }

  // The rows are counted on every node with Tandem's own MySQL user.
  for (const f of facts) {
    try {
      await runSql(ctx.pool, f.target, 'SHOW TABLES FROM tandem;', 5000);
      checks.push(block(`probe-table-${f.name}`, true, `${f.target.mysql.user} can read the tandem schema on ${f.name}`));
    } catch (e) {
      if (isSqlError(e) && e.errno === 1049) checks.push(warn(`probe-table-${f.name}`, true, `no tandem schema on ${f.name} yet; the probe creates it through the VIP`));
      else checks.push(block(`probe-table-${f.name}`, false, `${f.target.mysql.user} cannot read the tandem schema on ${f.name} (${e instanceof Error ? e.message : String(e)}), so the drill could not count the probe's rows. Run on ${f.name}: GRANT SELECT ON tandem.* TO ${f.currentUser ? f.currentUser.replace(/^([^@]*)@(.*)$/, "'$1'@'$2'") : `'${f.target.mysql.user}'@'…'`};`));
    }
  }
  checks.push(...(await engineChecks(ctx, options)));
  return checks;
};
