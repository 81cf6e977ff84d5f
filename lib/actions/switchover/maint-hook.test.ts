import { describe, expect, it } from 'vitest';
import { parseKeepalivedConf } from '@/lib/parsers/keepalived-conf';
import { faultValue, findMaintHook, hookConfigText, preferValue } from './maint-hook';

const conf = (instanceExtra: string, top = 'track_file tandem_maint {\n  file "/etc/keepalived/tandem-maint"\n  weight 1\n  init_file 0\n}\n') =>
  parseKeepalivedConf(`${top}vrrp_instance VI_1 {\n  state BACKUP\n  priority 101\n  virtual_ipaddress {\n    198.18.0.100/24 dev eth0\n  }\n${instanceExtra}}\n`);

describe('the track file Tandem moves the VIP with', () => {
  it('is found in the instance that carries the VIP, with its weight, priority and preempt mode', () => {
    expect(findMaintHook(conf('  nopreempt\n  track_file {\n    tandem_maint\n  }\n'), '198.18.0.100')).toEqual({ ok: true, hook: { instance: 'VI_1', name: 'tandem_maint', file: '/etc/keepalived/tandem-maint', weight: 1, priority: 101, nopreempt: true } });
    // The instance's own weight overrides the track_file block's.
    const lookup = findMaintHook(conf('  track_file {\n    tandem_maint weight 2\n  }\n'), '198.18.0.100');
    expect(lookup.ok && lookup.hook.weight).toBe(2);
  });

  it('is missing when the instance tracks no file, the file is undefined, the weight is negative or no instance has the VIP', () => {
    expect(findMaintHook(conf(''), '198.18.0.100')).toMatchObject({ ok: false, instance: 'VI_1' });
    expect(findMaintHook(conf('  track_file {\n    other\n  }\n'), '198.18.0.100').ok).toBe(false);
    expect(findMaintHook(conf('  track_file {\n    tandem_maint weight -1\n  }\n'), '198.18.0.100').ok).toBe(false);
    expect(findMaintHook(conf('  track_file {\n    tandem_maint\n  }\n'), '198.18.0.200')).toMatchObject({ ok: false, instance: null });
    expect(findMaintHook(null, '198.18.0.100').ok).toBe(false);
  });

  it('computes the value that means FAULT and the boost that keeps the new holder preferred', () => {
    expect(faultValue(0)).toBe(1);
    expect(faultValue(1)).toBe(-254);
    expect(faultValue(2) * 2).toBeLessThan(-253);
    expect(faultValue(3) * 3).toBeLessThan(-253);
    // 99 + 3 > 101: the old holder (101) stays BACKUP under preempt.
    expect(preferValue(1, 101, 99)).toBe(3);
    expect(99 + preferValue(2, 101, 99) * 2).toBeGreaterThan(101);
    expect(preferValue(1, 99, 101)).toBe(0);
    expect(preferValue(0, 101, 99)).toBe(0);
  });

  it('offers configuration text that keepalived accepts and Tandem then finds', () => {
    const text = hookConfigText('VI_1');
    const [top, inner] = text.split('# and inside vrrp_instance VI_1 { … }:');
    expect(findMaintHook(conf(inner ?? '', top), '198.18.0.100')).toMatchObject({ ok: true, hook: { weight: 1 } });
  });
});
