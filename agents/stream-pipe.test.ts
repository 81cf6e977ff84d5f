import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TLocalProcess, TProcessEnd } from '@/test/support/local-ssh-server';
import { useLocalSshServer } from '@/test/support/use-local-ssh-server';
import { pipeBetweenNodes, type TPipeEnd, type TPipeOptions } from './stream-pipe';

// The reseed's pipe through Tandem's real SSH pool and real ssh2 channels,
// between real local processes (test/support/local-ssh-server.ts): what
// the lab's reseed exercises end to end, here with each property alone.

const MiB = 1048576;
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const local = useLocalSshServer('tandem-pipe-');
const fresh = local.fresh;
const end = (node: string, script: string, args: string[] = [], preamble = ''): TPipeEnd => ({ target: local.server.target(node), script, args, preamble });
const options = (over: Partial<TPipeOptions>): TPipeOptions => ({ timeoutMs: 60_000, idleTimeoutMs: 30_000, onChunk: () => undefined, shouldStop: () => null, ...over });
// The process an end's script runs as (each script names itself in a comment).
const processOf = (tag: string): TLocalProcess => {
  const p = local.server.processes.find((x) => x.command.includes(tag));
  if (!p) throw new Error(`no process for ${tag}`);
  return p;
};
// A process that has not ended within `ms` fails the test, not the run.
const endedWithin = (p: TLocalProcess, ms: number): Promise<TProcessEnd | 'still running'> => Promise.race([p.ended, sleep(ms).then(() => 'still running' as const)]);
// Ended by its next write into the closed channel: killed by SIGPIPE (the
// shell that runs the command, as sshd's login shell would, reports that as
// 128 + 13), or exiting 1 on ECONNRESET (Node gives a child socket pairs,
// not pipes, and closing one with unread data resets it).
const ENDED_ON_WRITE = expect.toSatisfy((e: TProcessEnd | 'still running') => e !== 'still running' && (e.signal === 'SIGPIPE' || e.code === 141 || e.code === 1), 'ended by its write into the closed channel');

describe('the reseed stream pipe', () => {
  it('carries a few MB from one node to the other intact, each side given its preamble on stdin', async () => {
    const data = randomBytes(6 * MiB + 12345);
    const src = path.join(local.dir, 'intact.src');
    const dst = path.join(local.dir, 'intact.dst');
    writeFileSync(src, data);
    let seen = createHash('sha256');
    let chunks = 0;
    const r = await pipeBetweenNodes(
      fresh(),
      // Reads its credentials line first, as the dump script does.
      end('node1', '# intact-source\nIFS= read -r word; [ "$word" = "$2" ] || exit 9; echo "dumping $1" >&2; exec cat "$1"', [src, 'from-secret'], 'from-secret\n'),
      end('node2', '# intact-target\nIFS= read -r word; printf %s "$word" > "$2.preamble"; exec cat > "$2"', ['unused', dst], 'to-secret\n'),
      options({
        onChunk: (chunk) => {
          seen = seen.update(chunk);
          chunks++;
        },
      }),
    );
    expect(r).toMatchObject({ bytes: data.length, stopped: null, from: { code: 0, signal: null, stderr: `dumping ${src}\n` }, to: { code: 0, signal: null, stderr: '' } });
    expect(chunks).toBeGreaterThan(1);
    expect(seen.digest('hex')).toBe(sha256(data));
    expect(sha256(readFileSync(dst))).toBe(sha256(data));
    expect(readFileSync(`${dst}.preamble`, 'utf8')).toBe('to-secret');
  });

  it('makes the source wait while the target reads nothing: memory stays bounded, the source is paused, not idle', async () => {
    const size = 64 * MiB;
    const sum = path.join(local.dir, 'slow.sum');
    const received: { at: number; total: number }[] = [];
    const started = Date.now();
    const piping = pipeBetweenNodes(
      fresh(),
      end('node1', '# slow-source\nexec head -c "$1" /dev/zero', [String(size)]),
      // Reads nothing for 4 s, then everything.
      end('node2', '# slow-target\nsleep 4; sha256sum > "$1"', [sum]),
      // Shorter than the stall: a paused source is not an idle one.
      options({ idleTimeoutMs: 1500, onChunk: (_chunk, total) => void received.push({ at: Date.now() - started, total }) }),
    );
    await sleep(2000);
    const early = received.at(-1)?.total ?? 0;
    await sleep(1500);
    const late = received.at(-1)?.total ?? 0;
    // Without the pause Tandem would read all 64 MiB into memory within a
    // second here. What it holds is its 8 MiB buffer plus what the target's
    // channel window and pipe took (12 MiB in all, measured).
    expect(late).toBeGreaterThanOrEqual(8 * MiB);
    expect(late).toBeLessThan(20 * MiB);
    expect(late).toBe(early);
    expect(processOf('# slow-source').hasEnded()).toBe(false);

    const r = await piping;
    expect(r).toMatchObject({ bytes: size, stopped: null, from: { code: 0 }, to: { code: 0 } });
    expect(readFileSync(sum, 'utf8')).toBe(`${sha256(Buffer.alloc(size))}  -\n`);
    // Bytes flowed again only once the target read.
    expect(received.find((x) => x.total > late)?.at).toBeGreaterThan(3900);
  });

  it('stops a source that sends nothing for the idle time, with a reason naming it, and ends both processes', async () => {
    const dst = path.join(local.dir, 'idle.dst');
    const started = Date.now();
    const r = await pipeBetweenNodes(
      fresh(),
      // Says one word, falls silent, then writes on: into a closed pipe by then.
      end('node1', '# idle-source\nprintf first; sleep 6; exec cat /dev/zero'),
      end('node2', '# idle-target\nexec cat > "$1"', [dst]),
      options({ idleTimeoutMs: 2000 }),
    );
    const took = Date.now() - started;
    expect(r.stopped).toBe('no data from node1 for 2 s');
    expect(r.bytes).toBe(5);
    expect(took).toBeGreaterThanOrEqual(2000);
    expect(took).toBeLessThan(5000);
    // The target read end of input; the source died writing into the closed pipe.
    expect(await endedWithin(processOf('# idle-target'), 5000)).toEqual({ code: 0, signal: null });
    expect(await endedWithin(processOf('# idle-source'), 8000)).toEqual(ENDED_ON_WRITE);
    expect(readFileSync(dst, 'utf8')).toBe('first');
  });

  it('stops on request mid-stream and ends both sides', async () => {
    let total = 0;
    let askedAt = 0;
    const r = await pipeBetweenNodes(
      fresh(),
      end('node1', '# endless-source\nexec cat /dev/zero'),
      end('node2', '# endless-target\nexec cat > /dev/null'),
      options({
        onChunk: (_chunk, t) => {
          total = t;
          if (total >= 4 * MiB) askedAt ||= Date.now();
        },
        shouldStop: () => (askedAt ? 'aborted by the operator' : null),
      }),
    );
    expect(r.stopped).toBe('aborted by the operator');
    expect(r.bytes).toBeGreaterThanOrEqual(4 * MiB);
    // shouldStop is polled once a second; both channels are closed then.
    expect(Date.now() - askedAt).toBeLessThan(2500);
    expect(await endedWithin(processOf('# endless-target'), 5000)).toEqual({ code: 0, signal: null });
    expect(await endedWithin(processOf('# endless-source'), 5000)).toEqual(ENDED_ON_WRITE);
  });

  it('closes the source when the target fails (a failed statement): nothing would read the rest', async () => {
    const r = await pipeBetweenNodes(fresh(), end('node1', '# doomed-source\nexec cat /dev/zero'), end('node2', '# failing-target\necho "ERROR 1064" >&2; exit 3'), options({}));
    expect(r).toMatchObject({ stopped: null, to: { code: 3, stderr: 'ERROR 1064\n' } });
    expect(await endedWithin(processOf('# doomed-source'), 5000)).toEqual(ENDED_ON_WRITE);
  });
});
