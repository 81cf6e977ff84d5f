// The lab's recorded outputs (recordings/, made by record.ts), cut into
// templates the simulated nodes fill in: role 'a' is node1's recording (the
// pair's first holder), role 'b' node2's.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type TRole = 'a' | 'b';
export type TSlot = { slot: string };
export type TTemplate = (string | TSlot)[];

export type TRoleRecording = {
  mysqlProbe: TTemplate;
  mysqlLegacy: TTemplate;
  conf: string;
  startLog: string[];
  ipLines: { lo: string[]; inet: string; vip: string; inet6: string };
};

const DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'recordings');
const read = (name: string) => readFileSync(path.join(DIR, name), 'utf8');

// The values that differ per node or move with time; everything else is replayed as recorded.
const VARIABLE_SLOTS = new Set(['clock_ms', 'server_id', 'read_only', 'gtid_binlog_state', 'gtid_binlog_pos', 'gtid_current_pos', 'gtid_slave_pos', 'auto_increment_offset']);
const FIELD_SLOTS = new Set(['Master_Host', 'Master_Log_File', 'Read_Master_Log_Pos', 'Relay_Log_File', 'Relay_Log_Pos', 'Relay_Master_Log_File', 'Exec_Master_Log_Pos', 'Seconds_Behind_Master', 'Master_Server_Id', 'File', 'Position']);

const between = (text: string, from: string, to: string): string => {
  const a = text.indexOf(from);
  const b = text.indexOf(to, a + from.length);
  if (a < 0 || b < 0) throw new Error(`recording lacks ${from} … ${to}`);
  return text.slice(a + from.length, b);
};

// Vertical rows ("Field: value", one a line) and batch rows (a header line of
// column names, then a tab-separated line of values: how the collector asks
// for SHOW SLAVE/MASTER STATUS) alike.
export const compileTemplate = (text: string): TTemplate => {
  const out: TTemplate = [];
  let literal = '';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const v = /^([a-z_]+)\t(.*)$/.exec(line);
    const f = /^(\s*)([A-Za-z_]+): (.*)$/.exec(line);
    const header = line.split('\t');
    const values = lines[i + 1]?.split('\t');
    if (v?.[1] && VARIABLE_SLOTS.has(v[1])) {
      out.push(`${literal}${v[1]}\t`, { slot: v[1] });
      literal = '\n';
    } else if (f?.[2] && FIELD_SLOTS.has(f[2])) {
      out.push(`${literal}${f[1]}${f[2]}: `, { slot: f[2] });
      literal = '\n';
    } else if (header.length > 1 && header.some((h) => FIELD_SLOTS.has(h)) && values?.length === header.length) {
      literal += `${line}\n`;
      header.forEach((h, c) => {
        const sep = c === 0 ? '' : '\t';
        if (FIELD_SLOTS.has(h)) {
          out.push(`${literal}${sep}`, { slot: h });
          literal = '';
        } else literal += `${sep}${values[c] ?? ''}`;
      });
      literal += '\n';
      i += 1;
    } else literal += `${line}\n`;
  }
  out.push(literal.replace(/\n$/, ''));
  return out;
};

export const renderTemplate = (t: TTemplate, values: Record<string, string | number>): string => {
  let s = '';
  for (const part of t) s += typeof part === 'string' ? part : String(values[part.slot] ?? '');
  return s;
};

const NODE = { a: 'node1', b: 'node2' } as const;

const loadRole = (role: TRole): TRoleRecording => {
  const first = read(`${NODE[role]}.collect-first.txt`);
  const later = read(`${NODE[role]}.collect-later.txt`);
  const holderIp = read('node1.ip-addr.txt').split('\n').filter(Boolean);
  const lines = read(`${NODE[role]}.ip-addr.txt`).split('\n').filter(Boolean);
  const inet = lines.find((l) => / inet 198\.18\.0\.1\d\//.test(l));
  const vip = holderIp.find((l) => l.includes(' inet 198.18.0.100/'));
  const inet6 = lines.find((l) => / eth0 +inet6 /.test(l));
  if (!inet || !vip || !inet6) throw new Error('recording of ip -o addr show lacks the eth0 lines');
  return {
    mysqlProbe: compileTemplate(between(first, '@@tandem:mysql\n', '\n@@tandem:mysql-exit')),
    mysqlLegacy: compileTemplate(between(later, '@@tandem:mysql\n', '\n@@tandem:mysql-exit')),
    conf: between(first, '@@tandem:keepalived-conf\n', '\n\n@@tandem:keepalived-log'),
    startLog: between(first, '@@tandem:keepalived-log\n', '\n\n@@tandem:cursor').split('\n'),
    ipLines: { lo: lines.filter((l) => / lo +inet/.test(l)), inet, vip, inet6 },
  };
};

let cache: Record<TRole, TRoleRecording> | undefined;
export const recordings = (): Record<TRole, TRoleRecording> => (cache ??= { a: loadRole('a'), b: loadRole('b') });
