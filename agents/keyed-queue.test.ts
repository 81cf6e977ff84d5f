import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from './keyed-queue';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('keyed queue', () => {
  it('runs tasks of one key one at a time, in order', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => () => (log.push(`start ${name}`), tick(ms).then(() => (log.push(`end ${name}`), name)));
    const results = await Promise.all([queue('n1', task('a', 30)), queue('n1', task('b', 5)), queue('n1', task('c', 1))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs different keys in parallel', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    await Promise.all([
      queue('node1\0poll', async () => (log.push('poll start'), await tick(40), log.push('poll end'))),
      queue('node1\0action', async () => (log.push('action start'), await tick(5), log.push('action end'))),
    ]);
    expect(log).toEqual(['poll start', 'action start', 'action end', 'poll end']);
  });

  it('goes on after a failed task, and the failure reaches only its caller', async () => {
    const queue = createKeyedQueue();
    const failed = queue('k', () => Promise.reject(new Error('boom')));
    const next = queue('k', () => Promise.resolve('ok'));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});
