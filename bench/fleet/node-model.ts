// What a simulated node is at any moment, and the outputs Tandem's agent
// scripts would print on it, built from the lab's recordings. A pair has one
// VIP holder; moving the VIP changes both nodes' `ip addr` and appends the
// recorded transition to both keepalived logs in the same instant (the move's
// timestamp). Replication lag drifts; binlog positions and GTIDs advance with
// the holder's writes.
import { randomInt } from 'node:crypto';
import { recordings, renderTemplate, type TRole } from './recordings';

export type TPairAddresses = { a: string; b: string; vip: string; gateway: string };

export type TPairModel = {
  index: number;
  cluster: string;
  addresses: TPairAddresses;
  holder: TRole;
  // GTID sequence of the pair's one domain, and the last one each server wrote.
  seq: number;
  lastBy: Record<TRole, number>;
  writesPerSecond: number;
  advancedAt: number;
  lagSpike: { until: number; seconds: number };
  phase: number;
  nodes: Record<TRole, TNodeModel>;
};

export type TNodeModel = {
  role: TRole;
  name: string;
  hostname: string;
  host: string;
  serverId: number;
  pair: TPairModel;
  ifIndex: number;
  kaPid: number;
  kaStart: number;
  confText: string;
  confSig: string;
  inode: number;
  log: string;
  onLog: Set<(text: string) => void>;
};

export const CONF_PATH = '/etc/keepalived/keepalived.conf';
export const LOG_PATH = '/var/log/keepalived.log';
const BYTES_PER_TRX = 310;
const FIRST_POSITION = 1820;

const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// keepalived -l's own timestamp: `Thu Dec  3 09:55:18 2026`.
export const keepalivedTime = (ms: number): string => {
  const d = new Date(ms);
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${pad(d.getDate(), 2, ' ')} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${d.getFullYear()}`;
};

// The lab's names and addresses in a recording, as this node's.
const localise = (text: string, p: TPairAddresses, hostnames: Record<TRole, string>): string =>
  text
    .replace(/[^\s'"]*\/lab\/\.state\/node[12]\/keepalived\.conf/g, CONF_PATH)
    .replace(/[^\s'"]*\/lab\/\.state\/node[12]/g, '/etc/keepalived')
    .replace(/198\.18\.0\.(\d+)\b/g, (_m, last: string) => ({ '100': p.vip, '11': p.a, '12': p.b, '1': p.gateway })[last] ?? p.gateway)
    .replace(/node1/g, hostnames.a)
    .replace(/node2/g, hostnames.b);

const logLine = (at: number, text: string) => `${keepalivedTime(at)}: ${text}\n`;

export const createPair = (options: { index: number; cluster: string; addresses: TPairAddresses; now: number }): TPairModel => {
  const rec = recordings();
  const hostnames: Record<TRole, string> = { a: `${options.cluster}-n1`, b: `${options.cluster}-n2` };
  const pair = { index: options.index, cluster: options.cluster, addresses: options.addresses, holder: 'a', seq: 6, lastBy: { a: 5, b: 6 }, writesPerSecond: 2 + (options.index % 5), advancedAt: options.now, lagSpike: { until: 0, seconds: 0 }, phase: randomInt(1000), nodes: {} } as Omit<TPairModel, 'nodes'> & { nodes: Partial<Record<TRole, TNodeModel>> };
  for (const role of ['a', 'b'] as const) {
    const confText = localise(rec[role].conf, options.addresses, hostnames);
    const inode = 1_000_000 + options.index * 4 + (role === 'a' ? 0 : 2);
    const start = Math.floor(options.now / 1000) - 60;
    pair.nodes[role] = {
      role,
      name: role === 'a' ? 'node1' : 'node2',
      hostname: hostnames[role],
      host: options.addresses[role],
      serverId: options.index * 2 + (role === 'a' ? 1 : 2),
      pair: pair as TPairModel,
      ifIndex: 1000 + options.index * 2 + (role === 'a' ? 0 : 1),
      kaPid: 20_000 + options.index * 2 + (role === 'a' ? 0 : 1),
      kaStart: 8_000_000 + options.index,
      confText,
      confSig: `${inode + 1}:${Buffer.byteLength(confText)}:${start}`,
      inode,
      log: rec[role].startLog.map((l) => localise(l, options.addresses, hostnames).replace(/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}/, keepalivedTime(start * 1000))).join('\n') + '\n',
      onLog: new Set(),
    };
  }
  return pair as TPairModel;
};

export const peerOf = (n: TNodeModel): TNodeModel => n.pair.nodes[n.role === 'a' ? 'b' : 'a'];
export const holdsVip = (n: TNodeModel): boolean => n.pair.holder === n.role;

export const appendLog = (n: TNodeModel, text: string): void => {
  n.log += text;
  for (const listener of n.onLog) listener(text);
};

// The holder's writes since the last look: the pair's GTID sequence and both binlogs advance.
const advance = (pair: TPairModel, now: number): void => {
  const n = Math.floor(((now - pair.advancedAt) / 1000) * pair.writesPerSecond);
  if (n <= 0) return;
  pair.seq += n;
  pair.lastBy[pair.holder] = pair.seq;
  pair.advancedAt += (n / pair.writesPerSecond) * 1000;
};

// Seconds_Behind_Master: the passive node drifts between 0 and 3 s, more in a spike.
const lagOf = (n: TNodeModel, now: number): number => {
  if (holdsVip(n)) return 0;
  const spike = n.pair.lagSpike.until > now ? n.pair.lagSpike.seconds : 0;
  return Math.max(0, Math.round(1.5 + 1.6 * Math.sin((now / 1000 + n.pair.phase) / 7))) + spike;
};

const gtid = (pair: TPairModel, n: TNodeModel): Record<string, string> => {
  const a = pair.nodes.a.serverId;
  const b = pair.nodes.b.serverId;
  const last = pair.lastBy.a > pair.lastBy.b ? a : b;
  const state = [[a, pair.lastBy.a], [b, pair.lastBy.b]].sort((x, y) => Number(x[0]) - Number(y[0])).map(([s, q]) => `0-${s}-${q}`).join(',');
  const pos = `0-${last}-${pair.seq}`;
  return { gtid_binlog_state: state, gtid_binlog_pos: pos, gtid_current_pos: pos, gtid_slave_pos: holdsVip(n) ? `0-${n.serverId === a ? b : a}-${pair.lastBy[n.role === 'a' ? 'b' : 'a']}` : pos };
};

const mysqlText = (n: TNodeModel, syntax: string, now: number): string => {
  const pair = n.pair;
  advance(pair, now);
  const peer = peerOf(n);
  const position = FIRST_POSITION + (pair.seq - 6) * BYTES_PER_TRX;
  const lag = lagOf(n, now);
  const behind = Math.min(pair.seq - 6, Math.round(lag * pair.writesPerSecond)) * BYTES_PER_TRX;
  const values = {
    clock_ms: now,
    server_id: n.serverId,
    auto_increment_offset: n.role === 'a' ? 1 : 2,
    read_only: holdsVip(n) ? 'OFF' : 'ON',
    ...gtid(pair, n),
    Master_Host: peer.host,
    Master_Log_File: `${peer.hostname}-bin.000001`,
    Read_Master_Log_Pos: position,
    Relay_Log_File: `${n.hostname}-relay-bin.000002`,
    Relay_Log_Pos: 876 + position - FIRST_POSITION - behind,
    Relay_Master_Log_File: `${peer.hostname}-bin.000001`,
    Exec_Master_Log_Pos: position - behind,
    Seconds_Behind_Master: lag,
    Master_Server_Id: peer.serverId,
    File: `${n.hostname}-bin.000001`,
    Position: position,
  };
  const rec = recordings()[n.role];
  return renderTemplate(syntax === 'probe' ? rec.mysqlProbe : rec.mysqlLegacy, values);
};

export const ipAddrText = (n: TNodeModel): string => {
  const { ipLines } = recordings()[n.role];
  const eth = (line: string, address: string) => line.replace(/^\d+:/, `${n.ifIndex}:`).replace(/198\.18\.0\.\d+/, address);
  return [...ipLines.lo, eth(ipLines.inet, n.host), ...(holdsVip(n) ? [eth(ipLines.vip, n.pair.addresses.vip)] : []), eth(ipLines.inet6, n.host)].join('\n') + '\n';
};

const LOG_LIMIT = 65536;
const KA_LINE = /keepalived|vrrp|vi_/i;

// collect.sh's keepalived-log section for a cursor (`file:INODE:OFFSET`).
const logSection = (n: TNodeModel, cursor: string): string => {
  const size = Buffer.byteLength(n.log);
  const m = /^file:(\d+):(\d+)$/.exec(cursor);
  const offset = m && Number(m[1]) === n.inode ? Number(m[2]) : -1;
  if (offset < 0 || offset > size) {
    const lines = n.log.split('\n').slice(0, -1);
    return lines.slice(-200).filter((l) => KA_LINE.test(l)).slice(-100).map((l) => `${l}\n`).join('');
  }
  return n.log.slice(offset, offset + LOG_LIMIT);
};

// The whole answer of one collect request (agents/collect.sh), args as Tandem sends them:
// MYSQL_PORT CURSOR SYNTAX KA_HINT KA_CONF KA_LOG CONF_SIG.
export const collectText = (n: TNodeModel, args: readonly string[], now: number): string => {
  const cursor = args[1] ?? 'none';
  const syntax = args[2] ?? 'probe';
  const confSig = args[6] ?? 'none';
  const size = Buffer.byteLength(n.log);
  const parts = [
    `\n@@tandem:meta\nhostname=${n.hostname}\nclient=mariadb\n`,
    `\n@@tandem:ip-addr\n${ipAddrText(n)}`,
    `\n@@tandem:mysql\n${mysqlText(n, syntax, now)}\n@@tandem:mysql-exit\n0\n`,
    `\n@@tandem:keepalived\nrunning=yes\npid=${n.kaPid}\nhint=${n.kaPid}:${n.kaStart}\nconf=${CONF_PATH}\nlog=${LOG_PATH}\nconfsig=${n.confSig}\n`,
    `\n@@tandem:keepalived-conf\n${n.confSig === confSig ? '@@tandem-unchanged' : n.confText}\n`,
  ];
  if (cursor !== 'skip') parts.push(`\n@@tandem:keepalived-log\n${logSection(n, cursor)}`);
  parts.push(`\n@@tandem:cursor\nsource=${LOG_PATH}\ncursor=${cursor === 'skip' ? 'skip' : `file:${n.inode}:${size}`}\n`, '\n@@tandem:end');
  // $(…) drops trailing newlines, printf adds one.
  return `${parts.join('').replace(/\n+$/, '')}\n`;
};

// tail-log.sh's start: the marker with the replay's size, then the last 30 lines.
export const followStart = (n: TNodeModel): string => {
  const lines = n.log.split('\n').slice(0, -1).slice(-30);
  const replay = lines.map((l) => `${l}\n`).join('');
  return `@@tandem:following ${Buffer.byteLength(replay)} ${LOG_PATH}\n${replay}`;
};

// The recorded transition (recordings/*.keepalived-transition.log), condensed
// so the addresses and both logs change in one instant: the old holder goes
// to FAULT and drops the VIP, the peer becomes MASTER and sets it. A second
// later both announce/settle as the recording does (gratuitous ARPs; the old
// holder back to BACKUP, as when a switchover's track file is reset).
export const moveVip = (pair: TPairModel, now: number): { at: number; from: TRole; to: TRole; later: () => void } => {
  advance(pair, now);
  const from = pair.holder;
  const to: TRole = from === 'a' ? 'b' : 'a';
  const old = pair.nodes[from];
  const next = pair.nodes[to];
  pair.holder = to;
  const vip = pair.addresses.vip;
  appendLog(old, ['(VI_1): tracked file tandem_maint now FAULT state', '(VI_1) Entering FAULT STATE', '(VI_1) sent 0 priority', '(VI_1) removing VIPs.'].map((l) => logLine(now, l)).join(''));
  appendLog(next, ['(VI_1) Backup received priority 0 advertisement', '(VI_1) Receive advertisement timeout', '(VI_1) Entering MASTER STATE', '(VI_1) setting VIPs.', `(VI_1) Sending/queueing gratuitous ARPs on eth0 for ${vip}`].map((l) => logLine(now, l)).join(''));
  return {
    at: now,
    from,
    to,
    later: () => {
      const t = Date.now();
      if (pair.holder === to) appendLog(next, [`(VI_1) Sending/queueing gratuitous ARPs on eth0 for ${vip}`, `Sending gratuitous ARP on eth0 for ${vip}`].map((l) => logLine(t, l)).join(''));
      if (pair.holder !== from) appendLog(old, logLine(t, '(VI_1) Entering BACKUP STATE'));
    },
  };
};
