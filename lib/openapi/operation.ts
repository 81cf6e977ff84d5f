import type { z } from 'zod';
import type { TRole } from '@/lib/auth/roles';
import { ZErrorBodySchema, type TErrorBody } from '@/lib/http/body-schemas';

// One route's description, declared next to the zod schemas its handler
// uses (lib/openapi/paths/*.ts). build-document.ts turns the list into the
// OpenAPI document; lib/openapi/openapi.test.ts and
// test/integration/openapi-routes.test.ts hold it to the routes.

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type THttpMethod = (typeof HTTP_METHODS)[number];

type TSchema = z.core.$ZodType;

// Who may call it: no one signed in (public), a role or better (a user's
// session or an API token), or only a signed-in user's own browser session
// (`session`: API tokens have no password or sessions).
export type TAuth = { kind: 'public' } | { kind: 'role'; role: TRole } | { kind: 'session' };

export type TExamples = Record<string, unknown>;

// A JSON body (request or response) with its named examples. Built with
// body() so each example is checked against the schema's input type at
// compile time; the tests parse each one with the schema too.
export type TBody = { schema: TSchema; examples: TExamples; contentType?: string };

export type TResponse = { description: string; body?: TBody; headers?: Record<string, string> };

export type TOperation = {
  method: THttpMethod;
  // OpenAPI form: /api/clusters/{name}
  path: string;
  summary: string;
  description?: string;
  auth: TAuth;
  // Every {param} of the path, with what it is.
  pathParams?: Record<string, string>;
  // The query schema the handler parses, and what each parameter means.
  query?: { schema: z.ZodObject; describe: Record<string, string> };
  body?: TBody;
  // Success responses by status. The usual error responses are added from
  // the operation's shape (error-responses.ts); `errors` adds or replaces
  // some, with their examples (errorBody(), or a refusal's own schema).
  responses: Record<number, TResponse>;
  errors?: Record<number, { description: string; body: TBody }>;
};

// An area of the API (clusters, users…): its operations and the schemas it
// names as shared components (#/components/schemas/NAME).
export type TArea = { tag: string; description: string; operations: TOperation[]; components?: Record<string, TSchema> };

export const body = <S extends TSchema>(schema: S, examples: Record<string, z.input<S>>): TBody => ({ schema, examples });

export const errorBody = (examples: Record<string, TErrorBody>): TBody => body(ZErrorBodySchema, examples);
