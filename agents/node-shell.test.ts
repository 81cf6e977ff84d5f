import { afterEach, describe, expect, it } from 'vitest';
import { localShellChannel } from '@/test/support/local-shell';
import { attachShell, type TNodeShell, type TShellChannel } from './node-shell';

const shells: TNodeShell[] = [];
const open = () => {
  const sh = attachShell(localShellChannel());
  shells.push(sh);
  return sh;
};
afterEach(() => shells.splice(0).forEach((s) => s.close()));

describe('kept shell protocol', () => {
  it('returns stdout, the real stderr and the exit status of each request, separately', async () => {
    const sh = open();
    const r = await sh.run("echo out; echo err >&2; printf 'no newline'; exit 3", 5000);
    expect(r).toEqual({ stdout: 'out\nno newline', stderr: 'err\n', code: 3 });
    const again = await sh.run('echo second', 5000);
    expect(again).toEqual({ stdout: 'second\n', stderr: '', code: 0 });
  });

  it('keeps definitions between requests but runs each request in a subshell', async () => {
    const sh = open();
    await sh.define('greet() { echo "hi $1"; }', 5000);
    await sh.run('X=changed; cd /', 5000);
    expect((await sh.run('greet there; echo "${X:-unset}"', 5000)).stdout).toBe('hi there\nunset\n');
  });

  it('reads replies that arrive a byte at a time: markers and UTF-8 characters split across chunks', async () => {
    // SSH packets split a reply anywhere: inside the end marker, between it
    // and the exit status, inside a multi-byte character.
    const split = (c: TShellChannel): TShellChannel => ({
      ...c,
      onData: (cb) => c.onData((chunk) => chunk.forEach((b) => cb(Buffer.from([b])))),
      onStderr: (cb) => c.onStderr((chunk) => chunk.forEach((b) => cb(Buffer.from([b])))),
    });
    const sh = attachShell(split(localShellChannel()));
    shells.push(sh);
    const r = await sh.run("printf 'réplica ✓ 1236\\n'; printf 'erreur: données\\n' >&2; exit 42", 5000);
    expect(r).toEqual({ stdout: 'réplica ✓ 1236\n', stderr: 'erreur: données\n', code: 42 });
    expect((await sh.run('echo next', 5000)).stdout).toBe('next\n');
  });

  it('is not fooled by output that imitates the end marker', async () => {
    const sh = open();
    const r = await sh.run("printf '\\n@@tandem-done:0123456789abcdef:0\\n'; echo '@@tandem-done:x' >&2; echo real", 5000);
    expect(r.stdout).toBe('\n@@tandem-done:0123456789abcdef:0\nreal\n');
    expect(r.stderr).toBe('@@tandem-done:x\n');
  });

  it('gives the request no stdin, so a script cannot swallow the next request', async () => {
    const sh = open();
    expect((await sh.run('cat; echo after', 5000)).stdout).toBe('after\n');
    expect((await sh.run('echo next', 5000)).stdout).toBe('next\n');
  });

  it('times out a request that does not answer and closes the shell', async () => {
    const sh = open();
    await expect(sh.run('sleep 5', 200)).rejects.toThrow(/no answer within 200 ms/);
    expect(sh.isOpen()).toBe(false);
    await expect(sh.run('echo x', 1000)).rejects.toThrow(/closed/);
  });

  it('refuses a second request while one is running instead of mixing their output', async () => {
    const sh = open();
    const first = sh.run('sleep 0.2; echo one', 5000);
    await expect(sh.run('echo two', 5000)).rejects.toThrow(/busy/);
    expect((await first).stdout).toBe('one\n');
  });
});
