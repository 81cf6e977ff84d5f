import { evaluateHealth } from '@/lib/health/evaluate-health';
import type { TClusterView, THeartbeatView, TNodeView } from '@/lib/health/types';
import { holdsVip, type TNodeMemory } from './node-memory';
import type { TClusterSnapshot, TSnapshotNode } from './snapshot';

export type TClusterSettings = { name: string; vip: string; virtualRouterId: number | null; lagThresholdSeconds: number };


const num = (v: string | undefined): number | null => (v === undefined || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));

const toView = (m: TNodeMemory, vip: string): TNodeView => {
  const p = m.poll;
  if (!p || !p.reachable) {
    return {
      name: m.name, host: m.host, reachable: false, unreachableReason: p?.reachable === false ? p.reason : 'connect', error: p?.reachable === false ? p.error : 'not polled yet',
      holdsVip: false, mysqlReachable: false, mysqlError: null, variables: {}, replication: null, heartbeatLagSeconds: null, keepalived: null, passiveWrites: 0,
    };
  }
  const conf = p.keepalived.conf ?? m.keepalivedConf;
  return {
    name: m.name,
    host: m.host,
    reachable: true,
    unreachableReason: null,
    error: null,
    holdsVip: holdsVip(m),
    mysqlReachable: p.mysql.reachable,
    mysqlError: p.mysql.error,
    variables: p.mysql.variables,
    replication: p.mysql.replication,
    heartbeatLagSeconds: p.mysql.heartbeatLagSeconds,
    keepalived: conf || p.keepalived.running
      ? {
          running: p.keepalived.running,
          state: m.keepalivedState,
          lastCheck: m.lastCheck,
          instances: conf?.instances ?? [], scripts: conf?.scripts ?? [], syncGroups: conf?.syncGroups ?? [],
        }
      : null,
    passiveWrites: m.passiveWrites,
  };
};

const toSnapshotNode = (m: TNodeMemory, v: TNodeView): TSnapshotNode => {
  const p = m.poll?.reachable ? m.poll : undefined;
  const vars = p?.mysql.variables ?? {};
  const instance = (p?.keepalived.conf ?? m.keepalivedConf)?.instances[0];
  return {
    name: m.name,
    host: m.host,
    reachable: v.reachable,
    error: v.reachable ? v.mysqlError : v.error,
    hostname: p?.hostname ?? null,
    version: vars.version ?? null,
    serverId: num(vars.server_id),
    readOnly: vars.read_only === undefined ? null : vars.read_only === 'ON',
    binlog: p?.mysql.master ? { file: p.mysql.master.file, position: p.mysql.master.position } : null,
    // MySQL prints a newline after each comma of a GTID set; the set has no blanks of its own.
    gtidPosition: (vars.gtid_current_pos ?? vars.gtid_executed)?.replace(/\s+/g, '') ?? null,
    replication: p?.mysql.replication ?? null,
    keepalived: {
      running: p ? p.keepalived.running : null,
      state: p && !p.keepalived.running ? 'STOPPED' : m.keepalivedState,
      since: m.keepalivedStateAt,
      priority: m.keepalivedPriority ?? instance?.priority ?? null,
    },
    holdsVip: v.holdsVip,
    lagSeconds: p?.mysql.replication?.secondsBehindSource ?? null,
    heartbeatLagSeconds: p?.mysql.heartbeatLagSeconds ?? null,
    parseErrors: p?.parseErrors ?? [],
    pollMs: p?.pollMs ?? null,
    observedAt: m.poll ? new Date(m.poll.observedAt).toISOString() : null,
  };
};

// suppressSplitBrain: during a preemption the old holder drops the VIP a few
// milliseconds after the new one takes it; a split brain is only reported
// once it outlasts that (the monitor decides).
export const buildSnapshot = (settings: TClusterSettings, memory: TNodeMemory[], now = Date.now(), options: { suppressSplitBrain?: boolean; heartbeat?: THeartbeatView } = {}): TClusterSnapshot => {
  const views = memory.map((m) => toView(m, settings.vip));
  const view: TClusterView = { cluster: settings.name, vip: settings.vip, virtualRouterId: settings.virtualRouterId, lagThresholdSeconds: settings.lagThresholdSeconds, nodes: views, heartbeat: options.heartbeat };
  return {
    cluster: settings.name,
    vip: { address: settings.vip, holders: views.filter((v) => v.holdsVip).map((v) => v.name) },
    nodes: memory.map((m, i) => toSnapshotNode(m, views[i] ?? toView(m, settings.vip))),
    findings: evaluateHealth(view).filter((f) => !(options.suppressSplitBrain && f.code === 'split-brain')),
    observedAt: new Date(now).toISOString(),
  };
};
