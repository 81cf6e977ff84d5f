import { z } from 'zod';
import pkg from '@/package.json';
import { SESSION_COOKIE } from '@/lib/auth/sessions';
import { ZErrorBodySchema } from '@/lib/http/body-schemas';
import { AREAS } from './areas';
import type { TOpenApiDocument } from './document-schema';
import { errorResponsesOf } from './error-responses';
import type { TArea, TBody, TOperation } from './operation';

type TJson = Record<string, unknown>;
type TSchema = z.core.$ZodType;

export const SCHEMA_REF = '#/components/schemas/';

const isRecord = (v: unknown): v is TJson => typeof v === 'object' && v !== null && !Array.isArray(v);

// zod names shared schemas #/$defs/NAME; the document keeps them once, in components.
const rewriteRefs = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(rewriteRefs);
  if (!isRecord(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === '$ref' && typeof x === 'string' ? x.replace(/^#\/\$defs\//, SCHEMA_REF) : rewriteRefs(x)]));
};

// Schemas are described as what a client sends or receives: zod's "input"
// side (before defaults and transforms), for requests and responses alike.
const schemaConverter = (areas: readonly TArea[]) => {
  const names = z.registry<{ id: string }>();
  const add = (id: string, schema: TSchema) => {
    const had = names.get(schema);
    if (had && had.id !== id) throw new Error(`one schema named twice: ${had.id} and ${id}`);
    names.add(schema, { id });
  };
  add('Error', ZErrorBodySchema);
  for (const area of areas) for (const [id, schema] of Object.entries(area.components ?? {})) add(id, schema);

  const components: Record<string, unknown> = {};
  const convert = (schema: TSchema): TJson => {
    const out: TJson = { ...z.toJSONSchema(schema, { io: 'input', metadata: names }) };
    delete out.$schema;
    const defs = out.$defs;
    delete out.$defs;
    for (const [id, def] of Object.entries(isRecord(defs) ? defs : {})) {
      const json = rewriteRefs(def);
      const had = components[id];
      if (had !== undefined && JSON.stringify(had) !== JSON.stringify(json)) throw new Error(`component ${id} converts two ways`);
      components[id] = json;
    }
    const result = rewriteRefs(out);
    return isRecord(result) ? result : {};
  };
  // Every named schema is in components, referenced or not (the action params).
  for (const area of areas) for (const schema of Object.values(area.components ?? {})) convert(schema);
  convert(ZErrorBodySchema);
  return { convert, components: () => Object.fromEntries(Object.keys(components).sort().map((id) => [id, components[id]])) };
};

const words = (s: string) => s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]?.toUpperCase() + w.slice(1));

// get /api/clusters/{name}/state → getClustersByNameState
export const operationIdOf = (op: Pick<TOperation, 'method' | 'path'>): string =>
  op.method.toLowerCase() +
  op.path
    .split('/')
    .filter((s) => s !== '' && s !== 'api')
    .flatMap((s) => words(/^\{.+\}$/.test(s) ? `by-${s.slice(1, -1)}` : s))
    .join('');

const SECURITY = { role: [{ bearerToken: [] }, { sessionCookie: [] }], session: [{ sessionCookie: [] }], public: [] };

const authNote = (op: TOperation): string => {
  switch (op.auth.kind) {
    case 'public':
      return 'Public: no credentials needed.';
    case 'session':
      return 'Needs a signed-in user’s browser session (not an API token).';
    case 'role':
      return `Needs the ${op.auth.role} role or higher (session cookie or bearer token).`;
  }
};

const describeOperation = (op: TOperation, tag: string, convert: (s: TSchema) => TJson): TJson => {
  const content = (b: TBody) => ({
    [b.contentType ?? 'application/json']: { schema: convert(b.schema), examples: Object.fromEntries(Object.entries(b.examples).map(([k, value]) => [k, { value }])) },
  });
  const pathParams = Object.entries(op.pathParams ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } }));
  const query = op.query ? convert(op.query.schema) : null;
  const required = Array.isArray(query?.required) ? query.required : [];
  const queryParams = Object.entries(isRecord(query?.properties) ? query.properties : {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    ...(op.query?.describe[name] !== undefined && { description: op.query.describe[name] }),
    schema,
  }));
  const responses = { ...op.responses, ...errorResponsesOf(op) };
  return {
    operationId: operationIdOf(op),
    tags: [tag],
    summary: op.summary,
    description: [op.description, authNote(op)].filter(Boolean).join('\n\n'),
    'x-tandem-auth': op.auth.kind === 'role' ? op.auth.role : op.auth.kind,
    security: SECURITY[op.auth.kind],
    ...(pathParams.length + queryParams.length > 0 && { parameters: [...pathParams, ...queryParams] }),
    ...(op.body && { requestBody: { required: true, content: content(op.body) } }),
    responses: Object.fromEntries(
      Object.entries(responses)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([status, r]) => [
          status,
          {
            description: r.description,
            ...('headers' in r && r.headers && { headers: Object.fromEntries(Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) }),
            ...(r.body && { content: content(r.body) }),
          },
        ]),
    ),
  };
};

export const buildDocument = (areas: readonly TArea[] = AREAS): TOpenApiDocument => {
  const { convert, components } = schemaConverter(areas);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const area of areas) {
    for (const op of area.operations) {
      const item = (paths[op.path] ??= {});
      const method = op.method.toLowerCase();
      if (item[method]) throw new Error(`${op.method} ${op.path} is described twice`);
      item[method] = describeOperation(op, area.tag, convert);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tandem',
      version: pkg.version,
      description: 'The HTTP API of Tandem, a control plane for MySQL/MariaDB dual-master pairs behind a keepalived VIP. JSON in and out; request bodies are application/json, at most 1 MiB. Generated from the zod schemas the route handlers use.',
    },
    tags: areas.map((a) => ({ name: a.tag, description: a.description })),
    paths,
    components: {
      schemas: components(),
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token (`npx tandem tokens create --name ci --role operator`).' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'A browser session from POST /api/auth/signin. Mutations must come from Tandem’s own origin.' },
      },
    },
  };
};

// The one serialisation, for docs/openapi.json and its staleness test.
export const serializeDocument = (doc: TOpenApiDocument): string => `${JSON.stringify(doc, null, 2)}\n`;
