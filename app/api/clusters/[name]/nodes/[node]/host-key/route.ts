// POST /api/clusters/:name/nodes/:node/host-key – approve the SSH host key a node now offers
import { approveHostKey } from '@/lib/clusters/approve-host-key';
import { parseWith, ZHostKeyApprovalSchema } from '@/lib/clusters/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { actorOf } from '@/lib/auth/authenticate';
import { canManageInventory } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { requirePrincipal } from '@/lib/http/guard';
import { readJsonBody } from '@/lib/http/read-json-body';
import { requestIp } from '@/lib/http/request-identity';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

type TContext = { params: Promise<{ name: string; node: string }> };

export const POST = handle(async (req: Request, { params }: TContext) => {
  const principal = await requirePrincipal(req, canManageInventory, 'node.host-key.approve');
  const { name, node } = await params;
  const { fingerprint } = parseWith(ZHostKeyApprovalSchema, await readJsonBody(req, 4096));
  const db = await getDb();
  const approved = await approveHostKey({ db, cluster: name, node, fingerprint });
  await recordAudit(db, { actor: actorOf(principal), ip: requestIp(req), action: 'node.host-key.approve', target: `${name}/${node}`, result: 'ok', detail: approved });
  return json({ node, ...approved });
});
