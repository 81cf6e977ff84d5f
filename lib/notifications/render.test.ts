import { describe, expect, it } from 'vitest';
import { notifyEventsOfRun } from './from-run-end';
import { plainText, renderMessage, slackBody } from './render';
import type { TNotifyEvent } from './schema';
import { signWebhook, verifyWebhook } from './sign-webhook';

const ev = (over: Partial<TNotifyEvent> & Pick<TNotifyEvent, 'kind' | 'message' | 'at'>): TNotifyEvent => ({ cluster: 'lab', node: null, severity: 'info', advice: null, code: null, runId: null, vip: null, ...over });

describe('rendering a burst', () => {
  it('titles it by what matters most and tells the events in time order', () => {
    const m = renderMessage({
      id: 'm1',
      cluster: 'lab',
      baseUrl: 'https://tandem.example.com/',
      events: [
        ev({ kind: 'vip-moved', at: '2026-12-03T06:30:01.000Z', message: 'VIP moved from node1 to node2', node: 'node2' }),
        ev({ kind: 'finding-raised', at: '2026-12-03T06:30:00.000Z', severity: 'critical', message: 'MySQL on node1 does not answer', node: 'node1', advice: 'start it' }),
      ],
    });
    expect(m.title).toBe('[CRITICAL] lab: VIP moved from node1 to node2 (+1 more)');
    expect(m.link).toBe('https://tandem.example.com/clusters/lab');
    expect(plainText(m).split('\n').slice(2, 5)).toEqual([
      '06:30:00.000 UTC  critical finding-raised node1: MySQL on node1 does not answer',
      '    advice: start it',
      '06:30:01.000 UTC  info     vip-moved node2: VIP moved from node1 to node2',
    ]);
  });

  it('tells a move through "nobody" as one move, and a VIP that came back as such', () => {
    const move = (from: string[], to: string[], at: string) => ev({ kind: 'vip-moved', at, message: `VIP moved from ${from.join() || 'nobody'} to ${to.join() || 'nobody'}`, vip: { address: '198.18.0.100', from, to } });
    const failover = renderMessage({ id: 'm', cluster: 'lab', baseUrl: 'http://x', events: [move(['node1'], [], '2026-12-03T06:30:00.000Z'), move([], ['node2'], '2026-12-03T06:30:01.000Z')] });
    expect(failover.title).toBe('[INFO] lab: VIP 198.18.0.100 moved from node1 to node2 (+1 more)');
    const blip = renderMessage({ id: 'm', cluster: 'lab', baseUrl: 'http://x', events: [move(['node1'], [], '2026-12-03T06:30:00.000Z'), move([], ['node1'], '2026-12-03T06:30:01.000Z')] });
    expect(blip.title).toBe('[INFO] lab: VIP 198.18.0.100 left node1 and came back (+1 more)');
  });

  it('calls a burst of cleared findings good news, and a split brain the headline', () => {
    const cleared = renderMessage({ id: 'm', cluster: 'c', baseUrl: 'http://x', events: [ev({ kind: 'finding-cleared', at: '2026-12-03T06:30:00.000Z', severity: 'critical', message: 'cleared: split brain' })] });
    expect(cleared.severity).toBe('info');
    const split = renderMessage({ id: 'm', cluster: 'c', baseUrl: 'http://x', events: [ev({ kind: 'vip-moved', at: '2026-12-03T06:30:00.000Z', message: 'VIP moved from node1 to node1 and node2' }), ev({ kind: 'split-brain', severity: 'critical', at: '2026-12-03T06:30:01.000Z', message: 'both nodes hold the VIP' })] });
    expect(split.title).toBe('[CRITICAL] c: both nodes hold the VIP (+1 more)');
  });

  it("escapes Slack's control characters so a message cannot forge a link or a mention", () => {
    const m = renderMessage({ id: 'm', cluster: 'c', baseUrl: 'http://x', events: [ev({ kind: 'finding-raised', severity: 'warning', at: '2026-12-03T06:30:00.000Z', message: 'error <!channel> & <http://evil|click>' })] });
    const text = (JSON.parse(slackBody(m)) as { text: string }).text;
    expect(text).toContain('error &lt;!channel&gt; &amp; &lt;http://evil|click&gt;');
    expect(text).not.toContain('<!channel>');
  });
});

describe('webhook signatures', () => {
  it('verify the exact body and timestamp, and nothing else', () => {
    const now = 1_800_000_000;
    const sig = signWebhook('k'.repeat(20), now, '{"a":1}');
    expect(verifyWebhook('k'.repeat(20), { signature: sig, timestamp: String(now) }, '{"a":1}', now)).toBe(true);
    expect(verifyWebhook('k'.repeat(20), { signature: sig, timestamp: String(now) }, '{"a":2}', now)).toBe(false);
    expect(verifyWebhook('j'.repeat(20), { signature: sig, timestamp: String(now) }, '{"a":1}', now)).toBe(false);
    // A replay ten minutes later is refused.
    expect(verifyWebhook('k'.repeat(20), { signature: sig, timestamp: String(now) }, '{"a":1}', now + 600)).toBe(false);
    expect(verifyWebhook('k'.repeat(20), { signature: null, timestamp: String(now) }, '{"a":1}', now)).toBe(false);
  });
});

describe('run ends', () => {
  const endedAt = new Date('2026-12-03T06:30:00Z');
  it('say how a run ended, and a drill its verdict with its figures', () => {
    const events = notifyEventsOfRun({ id: '0123456789ab', kind: 'drill', cluster: 'lab', status: 'succeeded', error: null, endedAt, result: { failure: 'stop-mysqld', node: 'node1', verdict: 'failed', writeOutageMs: 2300, writes: { lost: 1 }, reasons: ['1 acknowledged write lost'] } });
    expect(events.map((e) => [e.kind, e.severity, e.message])).toEqual([
      ['action-finished', 'info', 'drill run 01234567 finished'],
      ['drill-verdict', 'critical', 'drill stop-mysqld on node1 failed, writes stopped 2.3 s, 1 acknowledged write lost: 1 acknowledged write lost'],
    ]);
    expect(notifyEventsOfRun({ id: 'abcdef012345', kind: 'switchover', cluster: 'lab', status: 'interrupted', error: 'interrupted after "fence"', endedAt, result: null }).map((e) => [e.kind, e.severity])).toEqual([['action-interrupted', 'critical']]);
    expect(notifyEventsOfRun({ id: 'abcdef012345', kind: 'repair', cluster: 'lab', status: 'aborted', error: null, endedAt, result: {} }).map((e) => [e.kind, e.message])).toEqual([['action-failed', 'repair run abcdef01 aborted']]);
  });
});
