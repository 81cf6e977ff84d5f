// The bench's browser: an independent Socket.IO client that subscribes to a
// few clusters as a dashboard would and keeps every cluster:state push with
// the time it arrived. A VIP move is timed from the simulator's moment of the
// move to the first push whose holder set is the truth.
import { io as connect } from 'socket.io-client';
import { z } from 'zod';

const ZStatePushSchema = z.object({ cluster: z.string(), vip: z.object({ holders: z.array(z.string()) }) });
export type TPush = { at: number; holders: string };

export const startWatcher = async (options: { url: string; token: string }) => {
  const socket = connect(options.url, { transports: ['websocket'], auth: { token: options.token }, reconnection: false });
  const pushes = new Map<string, TPush[]>();
  socket.on('cluster:state', (raw: unknown) => {
    const at = Date.now();
    const s = ZStatePushSchema.safeParse(raw);
    if (!s.success) return;
    pushes.get(s.data.cluster)?.push({ at, holders: [...s.data.vip.holders].sort().join(',') });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    subscribe: (cluster: string) =>
      new Promise<void>((resolve, reject) => {
        pushes.set(cluster, pushes.get(cluster) ?? []);
        socket.timeout(30_000).emit('subscribe', { cluster }, (err: Error | null, answer: { ok: boolean; error?: string }) => (err ? reject(err) : answer.ok ? resolve() : reject(new Error(answer.error))));
      }),
    pushes: (cluster: string): readonly TPush[] => pushes.get(cluster) ?? [],
    // The first push at or after `since` that says `holders`; waits up to timeoutMs.
    firstPush: async (cluster: string, holders: string, since: number, timeoutMs: number): Promise<TPush | undefined> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = pushes.get(cluster)?.find((p) => p.at >= since && p.holders === holders);
        if (hit || Date.now() > deadline) return hit;
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    close: () => void socket.close(),
  };
};

export type TWatcher = Awaited<ReturnType<typeof startWatcher>>;
