import type { Server } from 'socket.io';

// Asks every other Tandem server (through the Redis adapter) and collects
// their answers; [] without other servers. Each server answers every request
// (null when it has nothing to say), so the answer comes as soon as the
// slowest one replied, or at timeoutMs with nothing.
export const askOtherServers = (io: Server, event: string, payload: unknown, timeoutMs: number): Promise<unknown[]> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve([]), timeoutMs);
    try {
      io.serverSideEmit(event, payload, (err: Error | null, answers: unknown[]) => {
        clearTimeout(timer);
        resolve(err ? [] : answers);
      });
    } catch {
      // The in-memory adapter (Redis not reachable since start-up) has no other servers to ask.
      clearTimeout(timer);
      resolve([]);
    }
  });

export type TServerAnswer = (answer: unknown) => void;

// Registers the answer to one kind of request from the other servers.
export const answerServers = (io: Server, event: string, answer: (payload: unknown) => Promise<unknown>): void => {
  io.on(event, (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const reply: TServerAnswer = (a) => void Reflect.apply(ack, undefined, [a]);
    answer(payload).then(reply, () => reply(null));
  });
};
