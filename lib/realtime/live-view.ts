import type { Server } from 'socket.io';
import { z } from 'zod';
import { liveLogTail, liveSnapshot } from '@/lib/collector/collector';
import type { TLogLine } from '@/lib/collector/log-tail';
import { ZClusterSnapshotSchema } from '@/lib/collector/state-schema';
import { answerServers, askOtherServers } from './ask-servers';

// A page subscribing on one server to a cluster another server watches gets
// that server's live state and keepalived log tail (the log is followed live,
// never stored), not only the snapshot saved in the database.
const LIVE_VIEW = 'tandem:live-view';
const ASK_TIMEOUT_MS = 2000;

const ZRequestSchema = z.object({ cluster: z.string().min(1).max(63) });
const ZLogLineSchema = z.object({ seq: z.number(), at: z.string(), node: z.string(), line: z.string() });
const ZAnswerSchema = z.object({ state: ZClusterSnapshotSchema, lines: z.array(ZLogLineSchema) });

// The state as another server sent it (a finding code it knows may be new to this one).
export type TLiveView = { state: z.infer<typeof ZClusterSnapshotSchema>; lines: TLogLine[] };

export const answerLiveViews = (io: Server): void =>
  answerServers(io, LIVE_VIEW, async (payload) => {
    const parsed = ZRequestSchema.safeParse(payload);
    const state = parsed.success ? liveSnapshot(parsed.data.cluster) : undefined;
    return state && parsed.success ? { state, lines: liveLogTail(parsed.data.cluster) } : null;
  });

// null: no other server watches it (or none answered in time).
export const askLiveView = async (io: Server, cluster: string): Promise<TLiveView | null> => {
  const answers = await askOtherServers(io, LIVE_VIEW, { cluster }, ASK_TIMEOUT_MS);
  for (const a of answers) {
    const parsed = ZAnswerSchema.safeParse(a);
    if (parsed.success && parsed.data.state.cluster === cluster) return parsed.data;
  }
  return null;
};
