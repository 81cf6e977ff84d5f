import { describe, expect, it } from 'vitest';
import { parseKeepalivedConf } from '@/lib/parsers/keepalived-conf';
import { parseKeepalivedLog } from '@/lib/parsers/keepalived-log';
import { fixture } from '@/test/support/fixture-files';
import { applyKeepalivedEvents, applyVipEvents, holdsVip, newNodeMemory, offerVipReading, vipAgreesWithKeepalived, type TNodeMemory } from './node-memory';
import { parseCollectOutput } from './observation';

const VIP = '198.18.0.100';
const node = (): TNodeMemory => {
  const m = newNodeMemory('node2', '198.18.0.12');
  // A real poll of the lab's passive node: reachable.
  m.poll = parseCollectOutput(fixture('collect/lab-node2-passive.txt'), { startedAt: 0, finishedAt: 1 });
  m.keepalivedConf = parseKeepalivedConf(fixture('lab/keepalived-conf__lab-node2.txt'));
  return m;
};

describe('the VIP reading of a node', () => {
  it('keeps the newest reading: a poll that started before a probe does not undo it', () => {
    const m = node();
    expect(offerVipReading(m, { held: true, at: 2000, source: 'probe' })).toBe(true);
    expect(offerVipReading(m, { held: false, at: 1500, source: 'poll' })).toBe(false);
    expect(holdsVip(m)).toBe(true);
    expect(offerVipReading(m, { held: false, at: 2500, source: 'poll' })).toBe(true);
    expect(holdsVip(m)).toBe(false);
  });

  it('takes keepalived\'s word from the log at once, but only a reading on the node confirms it', () => {
    const m = node();
    offerVipReading(m, { held: false, at: 1000, source: 'poll' });
    const log = 'Wed Dec  2 11:44:29 2026: (VI_1) Entering MASTER STATE\nWed Dec  2 11:44:29 2026: (VI_1) setting VIPs.';
    const events = parseKeepalivedLog(log).events;
    applyKeepalivedEvents(m, events);
    expect(applyVipEvents(m, events, VIP, 2000)).toBe(true);
    expect(holdsVip(m)).toBe(true);
    expect(vipAgreesWithKeepalived(m)).toBe(false);
    offerVipReading(m, { held: true, at: 2010, source: 'probe' });
    expect(vipAgreesWithKeepalived(m)).toBe(true);
  });

  it('ignores address lines about another instance or another address', () => {
    const m = node();
    offerVipReading(m, { held: true, at: 1000, source: 'probe' });
    const events = parseKeepalivedLog('(VI_9) removing VIPs.\nSending gratuitous ARP on eth0 for 198.18.0.200').events;
    expect(applyVipEvents(m, events, VIP, 2000)).toBe(false);
    expect(holdsVip(m)).toBe(true);
  });

  it('sees a MASTER without the VIP (or a BACKUP with it) as not yet agreeing', () => {
    const m = node();
    m.keepalivedState = 'MASTER';
    offerVipReading(m, { held: false, at: 1000, source: 'probe' });
    expect(vipAgreesWithKeepalived(m)).toBe(false);
    m.keepalivedState = 'BACKUP';
    expect(vipAgreesWithKeepalived(m)).toBe(true);
    m.poll = undefined;
    expect(holdsVip(m)).toBe(false);
  });
});
