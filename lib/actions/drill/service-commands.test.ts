import { describe, expect, it } from 'vitest';
import { parseStoredServiceCommands, resolveServiceCommands, serviceCommandsToJson, SYSTEMD_DEFAULTS } from '@/lib/actions/drill/service-commands';

describe('stored service commands', () => {
  it('store the keys that are set in one order, and nothing for no overrides', () => {
    expect(serviceCommandsToJson({ heal: 'h', stopMysql: 's', isolate: 'i' })).toBe('{"stopMysql":"s","isolate":"i","heal":"h"}');
    expect(serviceCommandsToJson({ isolate: 'i', stopMysql: 's', heal: 'h' })).toBe(serviceCommandsToJson({ heal: 'h', stopMysql: 's', isolate: 'i' }));
    expect(serviceCommandsToJson({})).toBeNull();
    expect(serviceCommandsToJson(null)).toBeNull();
  });

  it('read back as the overrides alone, or null for nothing or something unreadable', () => {
    expect(parseStoredServiceCommands('{"startMysql":"x"}')).toEqual({ startMysql: 'x' });
    expect(parseStoredServiceCommands(null)).toBeNull();
    expect(parseStoredServiceCommands('{"isolate":"only half"}')).toBeNull();
    expect(parseStoredServiceCommands('not json')).toBeNull();
  });

  it('resolve to the systemd defaults where nothing is set', () => {
    expect(resolveServiceCommands('{"stopMysql":"s"}')).toEqual({ ...SYSTEMD_DEFAULTS, stopMysql: 's', isolate: null, heal: null });
    expect(resolveServiceCommands(null)).toEqual({ ...SYSTEMD_DEFAULTS, isolate: null, heal: null });
  });
});
