import { z } from 'zod';
import { REPAIR_STRATEGIES, type TRepairStrategy } from '@/lib/repair/types';

export const ZRepairParamsSchema = z.strictObject({
  node: z.string().min(1).max(63),
  strategy: z.enum(REPAIR_STRATEGIES, { error: `must be one of: ${REPAIR_STRATEGIES.join(', ')}` }),
  // skip-one and flush-reposition lose or may lose data: the user says so.
  acknowledgeRisk: z.boolean().default(false),
  // reconnect after the source's replication password changed. Never stored
  // with the run, never shown.
  sourcePassword: z.string().min(1).max(200).optional(),
  chunkTimeMs: z.int().min(50).max(5000).default(500),
});
export type TRepairParams = z.infer<typeof ZRepairParamsSchema>;

export const RISKY: ReadonlySet<TRepairStrategy> = new Set<TRepairStrategy>(['skip-one', 'flush-reposition']);

export const parseRepairParams = (raw: unknown, nodeNames: string[]): { ok: true; params: TRepairParams } | { ok: false; fields: Record<string, string> } => {
  const parsed = ZRepairParamsSchema.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, fields: Object.fromEntries(parsed.error.issues.map((i) => [`params${i.path.length ? `.${i.path.join('.')}` : ''}`, i.message])) };
  if (!nodeNames.includes(parsed.data.node)) return { ok: false, fields: { 'params.node': `no node named ${JSON.stringify(parsed.data.node)}; nodes: ${nodeNames.join(', ')}` } };
  if (parsed.data.sourcePassword !== undefined && parsed.data.strategy !== 'reconnect') return { ok: false, fields: { 'params.sourcePassword': 'only the reconnect strategy takes a password' } };
  return { ok: true, params: parsed.data };
};

// What the run stores: everything but the password.
export const storedRepairParams = (p: TRepairParams): Omit<TRepairParams, 'sourcePassword'> & { sourcePassword?: '<redacted>' } => {
  const { sourcePassword, ...rest } = p;
  return sourcePassword === undefined ? rest : { ...rest, sourcePassword: '<redacted>' };
};
