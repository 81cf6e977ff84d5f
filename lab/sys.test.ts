import { readFileSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAsync } from './sys';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// runAsync bounds labctl up's side-by-side mariadb-install-db runs: a script
// whose child outlives it must neither hang the lab nor be left running.
describe('runAsync', () => {
  it('returns the output of a command that succeeds, and says why one failed', async () => {
    expect(await runAsync('sh', ['-c', 'echo hello'])).toMatchObject({ code: 0, stdout: 'hello\n' });
    await expect(runAsync('sh', ['-c', 'echo broken >&2; exit 3'])).rejects.toThrow(/exited 3: broken/);
    await expect(runAsync('/nonexistent/command', [])).rejects.toThrow(/ENOENT/);
  });

  it('does not wait for a grandchild that keeps the pipes open after the command ended', async () => {
    const t0 = Date.now();
    const r = await runAsync('sh', ['-c', 'sleep 20 & echo $!']);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const grandchild = Number(r.stdout.trim());
    expect(alive(grandchild)).toBe(true);
    process.kill(grandchild, 'SIGKILL');
  });

  it('kills the whole process group at the timeout, grandchildren included', async () => {
    const t0 = Date.now();
    const pidFile = `/tmp/tandem-runasync-${process.pid}`;
    await expect(runAsync('sh', ['-c', `sleep 30 & echo $! > ${pidFile}; wait`], { timeoutMs: 300 })).rejects.toThrow(/timed out after 300 ms/);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const grandchild = Number(readFileSync(pidFile, 'utf8').trim());
    rmSync(pidFile, { force: true });
    // SIGKILL to the group: gone (or a zombie about to be reaped by init).
    await new Promise((r) => setTimeout(r, 200));
    const state = (() => {
      try {
        return readFileSync(`/proc/${grandchild}/stat`, 'utf8').split(') ')[1]?.[0] ?? 'gone';
      } catch {
        return 'gone';
      }
    })();
    expect(['gone', 'Z']).toContain(state);
  });
});
