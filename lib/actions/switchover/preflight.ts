import { block, engineChecks, replicationCheck, warn } from '../common-checks';
import { LONG_SECONDS, type TNodeFacts } from '../node-facts';
import type { TActionContext, TPreflightCheck } from '../types';
import { findMaintHook, hookConfigText } from './maint-hook';

export type TSwitchoverParams = { to: string };

// The target may be at most this far behind (Seconds_Behind_Master, and the
// heartbeat when it runs) for the catch-up wait to be short.
export const MAX_TARGET_LAG_SECONDS = 2;

// What Tandem's MySQL user needs on MariaDB 10.5.2+ (older: SUPER covers the
// first two). BINLOG MONITOR is what REPLICATION CLIENT became.
const NEEDED_GRANTS: { privilege: string; alternatives: string[]; why: string }[] = [
  { privilege: 'READ_ONLY ADMIN', alternatives: ['SUPER'], why: 'SET GLOBAL read_only' },
  { privilege: 'CONNECTION ADMIN', alternatives: ['SUPER'], why: "KILL other users' connections on the old writer" },
  { privilege: 'RELOAD', alternatives: [], why: 'FLUSH TABLES before the switch' },
  { privilege: 'PROCESS', alternatives: [], why: 'see running transactions and statements' },
  { privilege: 'BINLOG MONITOR', alternatives: ['REPLICATION CLIENT', 'SUPER'], why: 'SHOW MASTER STATUS' },
  { privilege: 'SLAVE MONITOR', alternatives: ['REPLICATION CLIENT', 'SUPER', 'REPLICA MONITOR'], why: 'SHOW SLAVE STATUS' },
];

const isMariaDb105 = (version: string | null): boolean => {
  const m = /^(\d+)\.(\d+)\.(\d+).*mariadb/i.exec(version ?? '');
  if (!m) return false;
  const [maj, min, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return maj > 10 || (maj === 10 && (min > 5 || (min === 5 && patch >= 2)));
};

const userPart = (grantee: string): string => /^'([^']*)'@'([^']*)'$/.exec(grantee)?.[1] ?? grantee;
const hostPart = (grantee: string): string => /^'([^']*)'@'([^']*)'$/.exec(grantee)?.[2] ?? '';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

export const switchoverPreflight = async (ctx: TActionContext, params: TSwitchoverParams, facts: TNodeFacts[], options: { force: boolean }): Promise<TPreflightCheck[]> => {
  const checks: TPreflightCheck[] = [];
  const target = facts.find((f) => f.name === params.to);
  const holders = facts.filter((f) => f.holdsVip);
  const unreachable = facts.filter((f) => !f.reachable || f.error);
  checks.push(block('nodes-reachable', unreachable.length === 0, unreachable.length === 0 ? `${facts.map((f) => f.name).join(', ')} answer over SSH and MySQL` : unreachable.map((f) => `${f.name}: ${f.error ?? 'unreachable'}`).join('; ')));
  if (!target) return [...checks, block('target', false, `no node named ${params.to}`)];
  if (facts.length !== 2) checks.push(block('pair', false, `switchover is for a pair of masters; ${ctx.cluster.name} has ${facts.length} nodes`));

  checks.push(block('vip-single-holder', holders.length === 1 && holders[0]?.name !== target.name, holders.length === 0 ? `nobody holds the VIP ${ctx.cluster.vip}` : holders.length > 1 ? `${holders.map((h) => h.name).join(' and ')} both hold the VIP: split brain, fix it first` : holders[0]?.name === target.name ? `${target.name} already holds the VIP` : `${holders[0]?.name} holds the VIP ${ctx.cluster.vip}`));
  const source = holders.length === 1 && holders[0]?.name !== target.name ? holders[0] : facts.find((f) => f.name !== target.name);
  if (!source || unreachable.length > 0) return checks;

  const flavourOk = isMariaDb105(source.version) && isMariaDb105(target.version);
  checks.push(block('server-flavour', flavourOk, flavourOk ? `MariaDB ${source.version} → ${target.version}` : `switchover supports MariaDB 10.5.2 and later for now (found ${source.version ?? '?'} and ${target.version ?? '?'}); MySQL needs other primitives (WAIT_FOR_EXECUTED_GTID_SET, super_read_only) that Tandem does not drive yet`));

  // keepalived: both running, the holder MASTER, the target BACKUP, the hook configured.
  const kaOk = source.keepalivedRunning && target.keepalivedRunning;
  checks.push(block('keepalived-running', kaOk, kaOk ? 'keepalived runs on both nodes' : `keepalived is not running on ${[source, target].filter((f) => !f.keepalivedRunning).map((f) => f.name).join(' and ')}`));
  const statesOk = source.keepalivedState === 'MASTER' && target.keepalivedState === 'BACKUP';
  const statesKnown = source.keepalivedState !== null && target.keepalivedState !== null;
  checks.push((statesKnown ? block : warn)('keepalived-states', statesOk, `${source.name} ${source.keepalivedState ?? 'unknown'}, ${target.name} ${target.keepalivedState ?? 'unknown'}${statesOk ? '' : statesKnown ? ' (expected MASTER and BACKUP)' : ' (not in the recent log)'}`));
  const hooks = [source, target].map((f) => ({ f, lookup: findMaintHook(f.conf, ctx.cluster.vip) }));
  const missing = hooks.filter((h) => !h.lookup.ok);
  if (missing.length > 0) {
    const instance = missing.map((h) => (h.lookup.ok ? null : h.lookup.instance)).find((x) => x) ?? 'VI_1';
    checks.push(block('keepalived-track-file', false, `${missing.map((h) => `${h.f.name}: ${h.lookup.ok ? '' : h.lookup.reason}`).join('; ')}. Add to keepalived.conf on both nodes, then reload keepalived (systemctl reload keepalived):\n${hookConfigText(instance)}`));
  } else {
    const preempting = hooks.filter((h) => h.lookup.ok && !h.lookup.hook.nopreempt && h.lookup.hook.weight === 0);
    checks.push(block('keepalived-track-file', preempting.length === 0, preempting.length === 0 ? hooks.map((h) => (h.lookup.ok ? `${h.f.name}: ${h.lookup.hook.file} (weight ${h.lookup.hook.weight}${h.lookup.hook.nopreempt ? ', nopreempt' : ', preempt'})` : '')).join('; ') : `${preempting.map((h) => h.f.name).join(' and ')} preempt(s) with a weight-0 track file: the old holder would take the VIP back when released. Give the track file a weight (weight 1) so Tandem can keep the new holder preferred:\n${hookConfigText(hooks[0]?.lookup.ok ? hooks[0].lookup.hook.instance : 'VI_1')}`));
  }

  // Writers: exactly the holder.
  checks.push(block('read-only', source.readOnly === false && target.readOnly === true, `${source.name} read_only=${source.readOnly ? 'ON' : 'OFF'}, ${target.name} read_only=${target.readOnly ? 'ON' : 'OFF'}${source.readOnly === false && target.readOnly === true ? '' : ' (expected OFF on the VIP holder and ON on the passive node)'}`));

  checks.push(replicationCheck('replication-to-target', target, source.name));
  checks.push(replicationCheck('replication-to-source', source, target.name));

  const r = target.poll?.mysql.replication;
  const sbm = r?.secondsBehindSource ?? null;
  // The heartbeat row's age on the target minus its age on the source: how
  // far behind the source the target is, even when the heartbeat writer
  // itself paused (right after a VIP move both rows age alike).
  const hbTarget = target.poll?.mysql.heartbeatLagSeconds ?? null;
  const hbSource = source.poll?.mysql.heartbeatLagSeconds ?? null;
  const hb = hbTarget !== null && hbSource !== null ? Math.max(0, hbTarget - hbSource) : null;
  const caughtUp = sbm !== null && sbm <= MAX_TARGET_LAG_SECONDS && (hb === null || hb <= MAX_TARGET_LAG_SECONDS);
  checks.push(block('target-caught-up', caughtUp, `${target.name} is ${sbm === null ? 'an unknown time' : `${sbm} s`} behind (Seconds_Behind_Master)${hb !== null ? `, ${hb.toFixed(1)} s by the heartbeat` : ''}; the limit is ${MAX_TARGET_LAG_SECONDS} s${caughtUp ? '' : '. Wait for it to catch up, or find why it lags'}`));

  // Errant transactions on the target: its own server_id's count grew while passive.
  const node = await ctx.db.node.findUnique({ where: { id: target.target.id }, select: { passiveOwnTransactions: true } });
  const watermark = node?.passiveOwnTransactions ?? null;
  const own = target.ownTransactions;
  if (own === null) {
    checks.push(block('errant-transactions', false, `cannot read ${target.name}'s own transaction count (gtid_binlog_state)`));
  } else if (watermark === null) {
    await ctx.db.node.update({ where: { id: target.target.id }, data: { passiveOwnTransactions: own } });
    checks.push(warn('errant-transactions', true, `no earlier baseline for ${target.name}: recorded now (${own} transactions of server_id ${target.serverId ?? '?'}); writes made on it before this moment cannot be told apart`));
  } else {
    // The baseline is the sequence number of the node's last own GTID; any
    // write of its own moves it (to the domain's next number, not by one).
    const clean = own <= watermark;
    checks.push(block('errant-transactions', clean, clean ? `${target.name} has originated no transaction since it became passive` : `transactions were written directly on ${target.name} (server_id ${target.serverId ?? '?'}) while it was passive: its last own GTID moved from seq ${watermark} to ${own}. An application or person bypassed the VIP. Find them with mysqlbinlog on ${target.name} (GTIDs with server_id ${target.serverId ?? '?'}, seq > ${watermark}), reconcile, then record the new baseline with \`tandem nodes accept-writes ${ctx.cluster.name} ${target.name}\``));
  }

  // Work in flight.
  const srcTrx = source.longTrx;
  checks.push(block('long-transactions', srcTrx.length === 0, srcTrx.length === 0 ? `no transaction open longer than ${LONG_SECONDS} s on ${source.name}` : `${srcTrx.length} transaction(s) open longer than ${LONG_SECONDS} s on ${source.name}: ${srcTrx.slice(0, 3).map((t) => `thread ${t.thread} (${t.seconds} s)${t.query ? ` ${t.query}` : ''}`).join('; ')}. Let them finish or end them; read_only would roll them back`));
  const srcWrites = source.longQueries.filter((q) => !/^\s*select\b/i.test(q.query));
  const tgtQueries = target.longQueries;
  checks.push(block('long-statements', srcWrites.length === 0 && tgtQueries.length === 0, srcWrites.length === 0 && tgtQueries.length === 0 ? `no write running longer than ${LONG_SECONDS} s on ${source.name}, no statement longer than ${LONG_SECONDS} s on ${target.name}` : [...srcWrites.map((q) => `${source.name} thread ${q.thread} (${q.user}, ${q.seconds} s): ${q.query}`), ...tgtQueries.map((q) => `${target.name} thread ${q.thread} (${q.user}, ${q.seconds} s): ${q.query}`)].slice(0, 4).join('; ')));

  // Who could still write after read_only: accounts holding READ ONLY ADMIN (or SUPER before 10.5.2), other than Tandem's own and local admin accounts.
  const me = (source.currentUser ?? '').replace(/@[^@]*$/, '');
  const bypass = source.bypassUsers.filter((b) => userPart(b.grantee) !== me && !LOCAL_HOSTS.has(hostPart(b.grantee)));
  const bypassNames = [...new Set(bypass.map((b) => b.grantee))];
  checks.push(block('read-only-bypass', bypassNames.length === 0, bypassNames.length === 0 ? 'no remote account can write through read_only' : `${bypassNames.join(', ')} can write while read_only is ON (READ ONLY ADMIN, SUPER or ALL PRIVILEGES), so their writes could reach the old writer during the switch. Revoke it, e.g. ${bypassNames.slice(0, 2).map((g) => `REVOKE READ_ONLY ADMIN ON *.* FROM ${g};`).join(' ')}`));

  // Tandem's own grants, on both nodes.
  for (const f of [source, target]) {
    if (f.extrasError) {
      checks.push(block(`grants-${f.name}`, false, `cannot read ${f.name}'s grants: ${f.extrasError}`));
      continue;
    }
    const have = new Set(f.grants);
    const missingGrants = NEEDED_GRANTS.filter((g) => !have.has(g.privilege) && !g.alternatives.some((a) => have.has(a)));
    const user = f.currentUser ? f.currentUser.replace(/^([^@]*)@(.*)$/, "'$1'@'$2'") : `'${f.target.mysql.user}'@'…'`;
    checks.push(block(`grants-${f.name}`, missingGrants.length === 0, missingGrants.length === 0 ? `${f.currentUser ?? f.target.mysql.user} has what a switchover needs` : `${f.currentUser ?? f.target.mysql.user} lacks ${missingGrants.map((g) => `${g.privilege} (${g.why})`).join(', ')}. Run on ${f.name}: GRANT ${missingGrants.map((g) => g.privilege).join(', ')} ON *.* TO ${user};`));
  }

  checks.push(block('probe-credential', ctx.probe !== null, ctx.probe ? `writes through the VIP are verified as ${ctx.probe.user}` : 'no probe credential stored for this cluster: Tandem could not verify that writes land on the new writer. Add probe.user and probe.password to the inventory'));

  // Same replication shape on both sides.
  const fmt = (f: TNodeFacts) => f.poll?.mysql.variables.binlog_format ?? '?';
  checks.push(warn('binlog-format', fmt(source) === fmt(target), `binlog_format ${fmt(source)} on ${source.name}, ${fmt(target)} on ${target.name}`));

  checks.push(...(await engineChecks(ctx, options)));
  return checks;
};
