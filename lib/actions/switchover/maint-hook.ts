import type { TKeepalivedConf } from '@/lib/collector/observation';

// Tandem moves the VIP through a keepalived track_file in the VIP's
// instance (research A): writing a value that means FAULT sends the holder
// to FAULT, so its peer takes over at once (priority-0 advert) whatever
// preempt says. With preempt, the new holder must also be preferred
// afterwards, which needs a weighted file (value × weight joins the
// priority); with nopreempt a weight-0 file (non-zero = FAULT) suffices.
export type TMaintHook = { instance: string; name: string; file: string; weight: number; priority: number; nopreempt: boolean };

export const DEFAULT_MAINT_FILE = '/etc/keepalived/tandem-maint';

export const hookConfigText = (instance: string, file = DEFAULT_MAINT_FILE): string =>
  [
    'track_file tandem_maint {',
    `    file "${file}"`,
    '    weight 1',
    '    init_file 0',
    '}',
    '',
    `# and inside vrrp_instance ${instance} { … }:`,
    '    track_file {',
    '        tandem_maint',
    '    }',
  ].join('\n');

const bare = (a: string) => a.replace(/\/\d+$/, '');

export type THookLookup = { ok: true; hook: TMaintHook } | { ok: false; reason: string; instance: string | null };

export const findMaintHook = (conf: TKeepalivedConf | null, vip: string): THookLookup => {
  if (!conf) return { ok: false, reason: 'keepalived.conf could not be read', instance: null };
  const instance = conf.instances.find((i) => i.virtualIpAddresses.some((a) => bare(a) === vip));
  if (!instance) return { ok: false, reason: `no vrrp_instance carries the VIP ${vip}`, instance: null };
  for (const ref of instance.trackFiles) {
    const def = conf.trackFiles.find((t) => t.name === ref.name);
    if (!def?.file) continue;
    const weight = ref.weight ?? def.weight ?? 0;
    if (weight < 0) continue;
    if (instance.priority === null) return { ok: false, reason: `vrrp_instance ${instance.name} sets no priority`, instance: instance.name };
    return { ok: true, hook: { instance: instance.name, name: ref.name, file: def.file, weight, priority: instance.priority, nopreempt: instance.nopreempt } };
  }
  return { ok: false, reason: `vrrp_instance ${instance.name} tracks no file Tandem can write (a track_file with weight 0 or more)`, instance: instance.name };
};

// The value that puts the instance in FAULT: non-zero for weight 0; for a
// weight w, value × w must fall below -253.
export const faultValue = (weight: number): number => (weight === 0 ? 1 : -Math.ceil(254 / weight));

// The value that keeps the new holder preferred over the old one once the
// old one leaves FAULT (only matters with preempt; 0 when it already is).
export const preferValue = (weight: number, sourcePriority: number, targetPriority: number): number =>
  weight === 0 ? 0 : Math.ceil(Math.max(0, sourcePriority - targetPriority + 1) / weight);
