import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostileArguments } from '@/test/support/hostile-arguments';
import { quoteArg, setArgs } from './shell-quote';

const dir = mkdtempSync(path.join(tmpdir(), 'tandem-quote-'));
const canary = path.join(dir, 'canary');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('arguments quoted for a remote shell', () => {
  it('reach a real sh as exactly the same strings, and never run anything', () => {
    const args = hostileArguments(canary);
    const script = `${setArgs(args)}\nfor a in "$@"; do printf '%s\\0' "$a"; done`;
    const r = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\0').slice(0, -1)).toEqual(args);
    expect(existsSync(canary)).toBe(false);
  });

  it('refuses a NUL byte instead of cutting the argument short', () => {
    expect(() => quoteArg('a\0b')).toThrow(/NUL/);
  });

  it('sets no arguments as an empty list', () => {
    const r = spawnSync('sh', ['-c', `set -- x y\n${setArgs([])}\necho $#`], { encoding: 'utf8' });
    expect(r.stdout).toBe('0\n');
  });
});
