import { z } from 'zod';
import type { TDialect } from './dialect';

// GET /api/health: alive, and which inventory database is in use.
export const ZHealthSchema = z.object({ ok: z.literal(true), db: z.enum(['sqlite', 'mysql']) });

const checks = { dialect: (d: TDialect): z.input<typeof ZHealthSchema>['db'] => d, dialectBack: (d: z.output<typeof ZHealthSchema>['db']): TDialect => d };
void checks;
