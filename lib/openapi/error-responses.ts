import { type TBody, type TOperation, errorBody } from './operation';

type TErrorResponse = { description: string; body: TBody };

// The errors every route of a kind can answer, from lib/http (guard,
// read-json-body, parseQuery/parseBody) and the handlers' lookups; an
// operation's own `errors` add to or replace them.
export const errorResponsesOf = (op: TOperation): Record<number, TErrorResponse> => {
  const out: Record<number, TErrorResponse> = {};
  const isMutation = op.method !== 'GET';
  if (op.body || op.query) {
    out[400] = {
      description: op.body ? 'The body is not JSON, or a field is invalid (`fields` names each).' : 'A query parameter is invalid (`fields` names each).',
      body: errorBody({
        invalid: { error: 'invalid', message: op.body ? 'the request is invalid' : 'invalid query parameters', fields: { [op.body ? 'name' : 'limit']: op.body ? 'is required' : 'Too big: expected number to be <=500' } },
        ...(op.body && { malformed: { error: 'malformed_json', message: 'the body is not valid JSON: Unexpected end of JSON input' } }),
      }),
    };
  }
  if (op.auth.kind !== 'public') {
    out[401] = { description: 'No valid session cookie or bearer token.', body: errorBody({ unauthorized: { error: 'unauthorized', message: 'sign in, or send Authorization: Bearer TOKEN' } }) };
  }
  const role = op.auth.kind === 'role' && op.auth.role !== 'viewer' ? op.auth.role : null;
  const isSessionOnly = op.auth.kind === 'session';
  const isCsrfGuarded = op.auth.kind !== 'public' && isMutation;
  const reasons = [role && `a role below ${role}`, isSessionOnly && 'an API token (only a browser session may do this)', isCsrfGuarded && 'a browser request from another origin'].filter((r): r is string => typeof r === 'string');
  if (reasons.length > 0) {
    out[403] = {
      description: `Refused: ${reasons.join('; ')}.`,
      body: errorBody({
        ...(role && { role: { error: 'forbidden', message: 'the viewer role may not do this' } }),
        ...(isSessionOnly && { token: { error: 'forbidden', message: 'only a signed-in user can do this; API tokens have no password or sessions' } }),
        ...(isCsrfGuarded && { crossSite: { error: 'forbidden', message: 'cross-site request refused' } }),
      }),
    };
  }
  if (op.pathParams && Object.keys(op.pathParams).length > 0) {
    out[404] = { description: 'Nothing by that name or id.', body: errorBody({ notFound: { error: 'not_found', message: 'cluster "lab" not found' } }) };
  }
  if (op.body) {
    out[413] = { description: 'The body is larger than the route allows.', body: errorBody({ tooLarge: { error: 'payload_too_large', message: 'the body is larger than 1048576 bytes' } }) };
    out[415] = { description: 'The body is not sent as application/json.', body: errorBody({ notJson: { error: 'unsupported_media_type', message: 'send the body as application/json' } }) };
  }
  return { ...out, ...op.errors };
};
