// GET /api/health – liveness plus which inventory database is in use
import { getDatabase } from '@/lib/db/client';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => {
  const { dialect } = await getDatabase();
  return json({ ok: true, db: dialect });
});
