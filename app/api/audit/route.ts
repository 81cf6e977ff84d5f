// GET /api/audit?since=…&actor=…&action=…&limit=… – the audit log, newest first
import { listAudit } from '@/lib/audit/list-audit';
import { ZAuditQuerySchema } from '@/lib/audit/schema';
import { getDb } from '@/lib/db/client';
import { parseQuery } from '@/lib/http/query';
import { canRead } from '@/lib/auth/roles';
import { requirePrincipal } from '@/lib/http/guard';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, canRead, 'audit.read');
  const q = parseQuery(req, ZAuditQuerySchema);
  return json({ events: await listAudit({ db: await getDb(), ...q }) });
});
