// Runs tasks one at a time per key: a kept shell answers one request at a
// time, so each (node, shell kind) is a key. Different keys run in parallel,
// which is what lets a probe or an action step never wait behind a poll.
export type TKeyedQueue = <T>(key: string, task: () => Promise<T>) => Promise<T>;

export const createKeyedQueue = (): TKeyedQueue => {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    tails.set(key, settled);
    void settled.then(() => {
      if (tails.get(key) === settled) tails.delete(key);
    });
    return next;
  };
};
