import { describe, expect, it } from 'vitest';
import { formatTable } from './output';

// A C0, C1 and bidi control of each kind the table must not pass through.
const HOSTILE = ['\u0000', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009b', '\u061c', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069'];

describe('formatTable', () => {
  it('aligns columns', () => {
    expect(formatTable(['A', 'BB'], [['xyz', '1'], ['q', '22']])).toBe('A    BB\nxyz  1\nq    22');
  });

  it('shows every control character as a visible escape, in any cell', () => {
    const table = formatTable(['NAME', 'NOTE'], [HOSTILE.map((c) => `a${c}b`).slice(0, 2), ...HOSTILE.map((c) => ['x', `a${c}b`])]);
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(table.split('\n')).toHaveLength(2 + HOSTILE.length);
    expect(table).toContain('a\\x1bb');
    expect(table).toContain('a\\x00b');
    expect(table).toContain('a\\x9bb');
    expect(table).toContain('a\\u202eb');
    expect(table).toContain('a\\u2069b');
  });

  it('cannot be made to forge a row or repaint the terminal', () => {
    const actor = 'user:eve\n2026-01-01T00:00:00.000Z  user:admin  -  user.create  mallory  ok';
    const lines = formatTable(['AT', 'ACTOR'], [['2026-01-01', actor], ['2026-01-02', '\u001b[2J\u001b[Hclean']]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('user:eve\\x0a2026-01-01');
    expect(lines[2]).toContain('\\x1b[2J\\x1b[Hclean');
  });

  it('pads by the escaped width, so columns stay aligned', () => {
    expect(formatTable(['A', 'B'], [['\u001b', 'x'], ['ab', 'y']])).toBe('A     B\n\\x1b  x\nab    y');
  });
});
