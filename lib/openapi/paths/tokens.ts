import type { z } from 'zod';
import type { TPublicToken } from '@/lib/tokens/list-tokens';
import { ZCreatedTokenEnvelopeSchema, ZPublicTokenSchema, ZTokenCreateSchema, ZTokenListSchema } from '@/lib/tokens/schema';
import { body, errorBody, type TArea } from '../operation';

// lib/tokens/schema.ts is also read by the /tokens form, so the tie to the
// server's type lives here.
const checks = { token: (t: TPublicToken): z.input<typeof ZPublicTokenSchema> => t, tokenBack: (t: z.output<typeof ZPublicTokenSchema>): TPublicToken => t };
void checks;

export const tokensArea: TArea = {
  tag: 'tokens',
  description: 'API tokens for scripts: send `Authorization: Bearer TOKEN`. A token has a role like a user; it is shown once, at creation.',
  operations: [
    {
      method: 'GET',
      path: '/api/tokens',
      summary: 'List API tokens (never the token itself)',
      auth: { kind: 'role', role: 'admin' },
      responses: {
        200: {
          description: 'Every token, revoked ones included.',
          body: body(ZTokenListSchema, {
            ci: { tokens: [{ name: 'ci', role: 'operator', prefix: 'tdm_AbCd', createdBy: 'user:alice', createdAt: '2026-12-01T09:00:00.000Z', lastUsedAt: '2026-12-02T14:00:00.000Z', revokedAt: null, expiresAt: '2027-03-01T09:00:00.000Z' }] },
          }),
        },
      },
    },
    {
      method: 'POST',
      path: '/api/tokens',
      summary: 'Create an API token (shown once)',
      auth: { kind: 'role', role: 'admin' },
      body: body(ZTokenCreateSchema, { ci: { name: 'ci', role: 'operator', expiresInDays: 90 } }),
      responses: {
        201: { description: 'Created: keep `token`, it cannot be read again.', body: body(ZCreatedTokenEnvelopeSchema, { ci: { token: { name: 'ci', role: 'operator', token: 'tdm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg', expiresAt: '2027-03-01T09:00:00.000Z' } } }) },
      },
      errors: { 409: { description: 'The name is taken.', body: errorBody({ taken: { error: 'conflict', message: 'a token named "ci" already exists', fields: { name: 'is already taken' } } }) } },
    },
    {
      method: 'DELETE',
      path: '/api/tokens/{name}',
      summary: 'Revoke a token (its live connections end too)',
      auth: { kind: 'role', role: 'admin' },
      pathParams: { name: 'the token’s name' },
      responses: { 204: { description: 'Revoked.' } },
    },
  ],
};
