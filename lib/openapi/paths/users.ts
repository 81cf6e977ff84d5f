import type { z } from 'zod';
import { ZOkSchema } from '@/lib/http/body-schemas';
import type { TPublicUser } from '@/lib/users/create-user';
import type { TUserRow } from '@/lib/users/list-users';
import { ZPasswordResetSchema, ZPublicUserSchema, ZSessionsEndedSchema, ZUserCreateSchema, ZUserEnvelopeSchema, ZUserListSchema, ZUserPatchSchema, ZUserRowSchema } from '@/lib/users/schema';
import { body, errorBody, type TArea } from '../operation';

// lib/users/schema.ts is also read by the account pages, so the ties to the
// server's types live here.
const checks = {
  user: (u: TPublicUser): z.input<typeof ZPublicUserSchema> => u,
  userBack: (u: z.output<typeof ZPublicUserSchema>): TPublicUser => u,
  row: (u: TUserRow): z.input<typeof ZUserRowSchema> => u,
  rowBack: (u: z.output<typeof ZUserRowSchema>): TUserRow => u,
};
void checks;

const NAME = { name: 'the user’s name' };
const LAST_ADMIN = { 409: { description: 'The last enabled admin cannot be demoted, disabled or removed.', body: errorBody({ lastAdmin: { error: 'conflict', message: 'cannot remove the last enabled admin; make another user admin first' } }) } };
const alice = { name: 'alice', role: 'operator' as const, createdAt: '2026-12-01T09:00:00.000Z' };

export const usersArea: TArea = {
  tag: 'users',
  description: 'Accounts that sign in at /signin, with a role: viewer (read), operator (also actions), admin (also inventory, users, tokens).',
  components: { User: ZPublicUserSchema },
  operations: [
    {
      method: 'GET',
      path: '/api/users',
      summary: 'List users',
      auth: { kind: 'role', role: 'admin' },
      responses: { 200: { description: 'Every user, with their active sessions.', body: body(ZUserListSchema, { users: { users: [{ ...alice, disabledAt: null, activeSessions: 1 }] } }) } },
    },
    {
      method: 'POST',
      path: '/api/users',
      summary: 'Create a user',
      auth: { kind: 'role', role: 'admin' },
      body: body(ZUserCreateSchema, { operator: { name: 'alice', role: 'operator', password: 'correct horse battery' } }),
      responses: { 201: { description: 'Created.', body: body(ZUserEnvelopeSchema, { alice: { user: alice } }) } },
      errors: { 409: { description: 'The name is taken.', body: errorBody({ taken: { error: 'conflict', message: 'a user named "alice" already exists', fields: { name: 'is already taken' } } }) } },
    },
    {
      method: 'PATCH',
      path: '/api/users/{name}',
      summary: 'Disable, enable or change the role of a user (one change per request)',
      auth: { kind: 'role', role: 'admin' },
      pathParams: NAME,
      body: body(ZUserPatchSchema, { disable: { disabled: true }, promote: { role: 'admin' } }),
      responses: { 200: { description: 'Changed.', body: body(ZOkSchema, { ok: { ok: true } }) } },
      errors: LAST_ADMIN,
    },
    {
      method: 'DELETE',
      path: '/api/users/{name}',
      summary: 'Remove a user',
      auth: { kind: 'role', role: 'admin' },
      pathParams: NAME,
      responses: { 204: { description: 'Removed.' } },
      errors: LAST_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/users/{name}/password',
      summary: 'Set a new password for a user (their sessions end)',
      auth: { kind: 'role', role: 'admin' },
      pathParams: NAME,
      body: body(ZPasswordResetSchema, { reset: { password: 'a new long passphrase' } }),
      responses: { 200: { description: 'Set.', body: body(ZOkSchema, { ok: { ok: true } }) } },
    },
    {
      method: 'DELETE',
      path: '/api/users/{name}/sessions',
      summary: 'Sign a user out of every browser',
      auth: { kind: 'role', role: 'admin' },
      pathParams: NAME,
      responses: { 200: { description: 'How many sessions ended.', body: body(ZSessionsEndedSchema, { two: { ended: 2 } }) } },
    },
  ],
};
