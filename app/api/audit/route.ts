// GET /api/audit?since=…&actor=…&action=…&limit=… – the audit log, newest first
import { z } from 'zod';
import { listAudit } from '@/lib/audit/list-audit';
import { getDb } from '@/lib/db/client';
import { parseQuery, ZTimeSchema } from '@/lib/http/query';
import { canRead } from '@/lib/auth/roles';
import { requirePrincipal } from '@/lib/http/guard';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

const ZAuditQuerySchema = z.object({
  since: ZTimeSchema.optional(),
  actor: z.string().min(1).max(120).optional(),
  action: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(200),
});

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, canRead, 'audit.read');
  const q = parseQuery(req, ZAuditQuerySchema);
  return json({ events: await listAudit({ db: await getDb(), ...q }) });
});
