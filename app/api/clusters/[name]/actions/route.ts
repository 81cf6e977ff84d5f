// POST /api/clusters/:name/actions – dry-run or start an action (switchover, drill)
// GET  /api/clusters/:name/actions?limit=&kind= – the cluster's runs, newest first
import { requestAction } from '@/lib/actions/forward-action';
import { listActions } from '@/lib/actions/list-actions';
import { ZActionListQuerySchema } from '@/lib/actions/request-schema';
import { actorOf } from '@/lib/auth/authenticate';
import { canRead, canRunActions } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { parseQuery } from '@/lib/http/query';
import { readJsonBody } from '@/lib/http/read-json-body';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';
import { getIo } from '@/lib/realtime/io-store';
import { getRedis } from '@/lib/redis/redis-clients';

export const dynamic = 'force-dynamic';

type TContext = { params: Promise<{ name: string }> };

export const POST = handle(async (req: Request, { params }: TContext) => {
  const principal = await requirePrincipal(req, canRunActions, 'action.request');
  const { name } = await params;
  const body = await readJsonBody(req, 8192);
  const db = await getDb();
  // Run by the server that watches the cluster, this one or another.
  const redis = getRedis();
  const answer = await requestAction({ db, io: getIo(), redis: !redis ? 'none' : redis.command.isReady ? 'up' : 'down', cluster: name, who: { actor: actorOf(principal), role: principal.role, ip: requestIp(req) }, body });
  return json(answer.body, answer.status);
});

export const GET = handle(async (req: Request, { params }: TContext) => {
  await requirePrincipal(req, canRead, 'action.list');
  const { name } = await params;
  const q = parseQuery(req, ZActionListQuerySchema);
  return json({ runs: await listActions({ db: await getDb(), cluster: name, limit: q.limit, kind: q.kind }) });
});
