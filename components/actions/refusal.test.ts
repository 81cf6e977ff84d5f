import { describe, expect, it } from 'vitest';
import { explainRefusal } from './refusal';

const failure = (body: unknown) => ({ message: 'server message', body });

describe('explainRefusal', () => {
  it('gives the anti-flap wait', () => {
    expect(explainRefusal('lab', failure({ error: 'too_soon', message: 'x', retryAfterSeconds: 42 })).message).toBe('The VIP of lab moved too recently (anti-flap window): retry in 42 s.');
  });

  it('names the run in progress and links it', () => {
    const r = explainRefusal('lab', failure({ error: 'action_in_progress', run: { id: '0123456789abcdef-0000-0000-0000-000000000000', kind: 'switchover', requestedBy: 'ann' } }));
    expect(r.message).toBe('Run 01234567 (switchover, by ann) is already in progress on lab.');
    expect(r.runId).toBe('0123456789abcdef-0000-0000-0000-000000000000');
  });

  it('hands back the fresh preflight when it refuses', () => {
    const preflight = [{ check: 'replication', ok: false, severity: 'block', detail: 'IO thread stopped\non node2' }];
    expect(explainRefusal('lab', failure({ error: 'preflight_failed', message: 'x', preflight })).preflight).toEqual(preflight);
  });

  it('falls back to the server message, or the generic one for a body it does not know', () => {
    expect(explainRefusal('lab', failure({ error: 'forbidden', message: 'viewers cannot run actions' })).message).toBe('viewers cannot run actions');
    expect(explainRefusal('lab', failure(null)).message).toBe('server message');
  });
});
