// What the simulator's parent and its worker processes say to each other over IPC.
import { z } from 'zod';

export const ZPairSpecSchema = z.object({
  index: z.int().min(0),
  cluster: z.string(),
  addresses: z.object({ a: z.string(), b: z.string(), vip: z.string(), gateway: z.string() }),
  hostKeys: z.object({ a: z.string(), b: z.string() }),
});
export type TPairSpec = z.infer<typeof ZPairSpecSchema>;

export const ZChurnSchema = z.object({ movesPerMinute: z.number().min(0), lagSpikesPerMinute: z.number().min(0) });
export type TChurn = z.infer<typeof ZChurnSchema>;

export const ZToWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), id: z.int(), port: z.int(), clientPublicKey: z.string(), pairs: z.array(ZPairSpecSchema) }),
  z.object({ type: z.literal('move'), id: z.int(), pair: z.int() }),
  z.object({ type: z.literal('stall'), id: z.int(), pair: z.int() }),
  z.object({ type: z.literal('resume'), id: z.int(), pair: z.int() }),
  z.object({ type: z.literal('churn'), id: z.int(), churn: ZChurnSchema }),
  z.object({ type: z.literal('stats'), id: z.int() }),
  z.object({ type: z.literal('stop'), id: z.int() }),
]);
export type TToWorker = z.infer<typeof ZToWorkerSchema>;

export const ZCountsSchema = z.object({ collect: z.number(), probe: z.number(), streams: z.number(), refused: z.number() });
export type TCounts = z.infer<typeof ZCountsSchema>;

export const ZFromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ok'), id: z.int() }),
  z.object({ type: z.literal('error'), id: z.int(), message: z.string() }),
  // `at`: the worker's clock the instant ip addr and both logs changed.
  z.object({ type: z.literal('moved'), id: z.int(), pair: z.int(), at: z.number(), from: z.enum(['a', 'b']), to: z.enum(['a', 'b']), holder: z.string() }),
  // Collect requests answered per pair (index → count), and the totals.
  z.object({ type: z.literal('stats'), id: z.int(), totals: ZCountsSchema, collectsByPair: z.record(z.string(), z.number()) }),
  // A background (churn) move, for the bench's truth timeline.
  z.object({ type: z.literal('churned'), pair: z.int(), at: z.number(), holder: z.string() }),
]);
export type TFromWorker = z.infer<typeof ZFromWorkerSchema>;
