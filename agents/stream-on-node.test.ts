import { existsSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ClientChannel } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { hostileArguments } from '@/test/support/hostile-arguments';
import { useLocalSshServer } from '@/test/support/use-local-ssh-server';
import { STREAM_STDERR_KEEP, streamOnNode } from './run-on-node';

// The long-lived channels (keepalived's log tail, the drill's watch) through
// Tandem's real SSH pool and ssh2 channels, against real local processes.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MiB = 1048576;

const local = useLocalSshServer('tandem-stream-');
const fresh = local.fresh;

describe('a stream on a node', () => {
  it('does not keep what it has passed on: 64 MiB through a tail that is still running leaves the heap as it was', async () => {
    const p = fresh();
    const target = local.server.target('n1');
    let bytes = 0;
    let channel: ClientChannel | undefined;
    let reached: () => void = () => undefined;
    const all = new Promise<void>((r) => (reached = r));
    gc();
    const before = process.memoryUsage().heapUsed;
    const ended = streamOnNode(p, target, `head -c ${64 * MiB} /dev/zero | tr '\\0' x; exec sleep 60`, [], {
      onOutput: (chunk) => {
        bytes += chunk.length;
        if (bytes >= 64 * MiB) reached();
      },
      onChannel: (c) => (channel = c),
    });
    await all;
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    channel?.close();
    await ended;
    expect(bytes).toBe(64 * MiB);
    // node-ssh's exec held all 64 MiB here until the channel closed.
    expect(grown).toBeLessThan(16 * MiB);
  });

  it('ends with the exit status and stderr, its output having gone to onOutput', async () => {
    let out = '';
    const r = await streamOnNode(fresh(), local.server.target('n1'), 'echo one; echo two; echo oops >&2; exit 3', [], { onOutput: (c) => (out += c), onChannel: () => undefined });
    expect(out).toBe('one\ntwo\n');
    expect(r).toEqual({ code: 3, stderr: 'oops\n' });
  });

  it('keeps only the last bytes of a long stderr', async () => {
    const r = await streamOnNode(fresh(), local.server.target('n1'), `head -c 200000 /dev/zero | tr '\\0' e >&2; echo END >&2`, [], { onOutput: () => undefined, onChannel: () => undefined });
    expect(r.stderr.length).toBe(STREAM_STDERR_KEEP);
    expect(r.stderr.endsWith('eeeEND\n')).toBe(true);
  });

  it('passes any argument as data: a planted canary never runs', async () => {
    const canary = path.join(local.dir, 'canary');
    const args = hostileArguments(canary);
    let out = '';
    const r = await streamOnNode(fresh(), local.server.target('n1'), `for a in "$@"; do printf '%s\\0' "$a"; done`, args, { onOutput: (c) => (out += c), onChannel: () => undefined });
    expect(r.code).toBe(0);
    expect(out.split('\0').slice(0, -1)).toEqual(args);
    expect(existsSync(canary)).toBe(false);
  });

  it('fails with a clear error when the node cannot be reached', async () => {
    const t = local.server.target('n1');
    const unreachable = { ...t, ssh: { ...t.ssh, port: 9 } };
    await expect(streamOnNode(fresh(), unreachable, 'echo hi', [], { onOutput: () => undefined, onChannel: () => undefined })).rejects.toThrow(/ECONNREFUSED|refused/);
  });
});
