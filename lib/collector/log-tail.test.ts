import { describe, expect, it } from 'vitest';
import { cleanLogLine, createLogTail } from './log-tail';

describe('keepalived log tail', () => {
  it('keeps the most recent lines, numbered, with the node and time they arrived', () => {
    const tail = createLogTail(3);
    tail.add('node1', ['Tue Dec  1 05:58:10 2026: (VI_1) Entering FAULT STATE', ''], Date.UTC(2026, 11, 1, 5, 58, 10));
    tail.add('node2', ['(VI_1) Receive advertisement timeout', '(VI_1) Entering MASTER STATE', '(VI_1) setting VIPs.']);
    expect(tail.lines().map((l) => [l.seq, l.node, l.line])).toEqual([
      [2, 'node2', '(VI_1) Receive advertisement timeout'],
      [3, 'node2', '(VI_1) Entering MASTER STATE'],
      [4, 'node2', '(VI_1) setting VIPs.'],
    ]);
  });

  it('strips terminal escapes and control characters a node could send, and bounds the length', () => {
    expect(cleanLogLine('\u001b[31mred\u001b[0m\u0007 text\r')).toBe('[31mred[0m text');
    expect(cleanLogLine('x'.repeat(1000))).toHaveLength(401);
    // A bidi override would show the rest of the line reversed.
    expect(cleanLogLine('(VI_1) Entering \u202eETATS RETSAM\u202c')).toBe('(VI_1) Entering ETATS RETSAM');
    // Cut by characters, never through a surrogate pair.
    expect(Array.from(cleanLogLine('😀'.repeat(500)))).toHaveLength(401);
  });

  it('redacts the VRRP password from keepalived\'s configuration dump', () => {
    expect(cleanLogLine('Tue Dec  1 05:58:10 2026:    Password = s3cr3t-vrrp')).toBe('Tue Dec  1 05:58:10 2026:    Password = [redacted]');
    expect(cleanLogLine('      auth_pass 1111')).toBe('      auth_pass [redacted]');
  });
});
