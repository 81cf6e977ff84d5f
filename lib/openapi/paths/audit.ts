import { ZAuditListSchema, ZAuditQuerySchema } from '@/lib/audit/schema';
import { body, type TArea } from '../operation';

export const auditArea: TArea = {
  tag: 'audit',
  description: 'Who did what, from where: sign-ins, inventory, user, token and key changes, actions, and refusals.',
  operations: [
    {
      method: 'GET',
      path: '/api/audit',
      summary: 'The audit log, newest first',
      auth: { kind: 'role', role: 'viewer' },
      query: {
        schema: ZAuditQuerySchema,
        describe: { since: 'ISO 8601 time or epoch milliseconds', actor: 'only this actor, e.g. user:alice or token:ci', action: 'only this action, e.g. cluster.update', limit: 'at most this many (1–10000, default 200)' },
      },
      responses: {
        200: {
          description: 'The rows; `detail` is a JSON text or null.',
          body: body(ZAuditListSchema, { update: { events: [{ at: '2026-12-02T14:30:00.000Z', actor: 'user:alice', ip: '192.0.2.10', action: 'cluster.update', target: 'lab', result: 'ok', detail: '{"fields":"description"}' }] } }),
        },
      },
    },
  ],
};
