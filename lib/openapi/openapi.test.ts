import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZChecksumParamsSchema } from '@/lib/actions/checksum/definition';
import { ZDrillParamsSchema } from '@/lib/actions/drill/definition';
import { ZRepairParamsSchema } from '@/lib/actions/repair/params';
import { ZSwitchoverParamsSchema } from '@/lib/actions/switchover/definition';
import type { TActionKind } from '@/lib/actions/types';
import { ZErrorBodySchema } from '@/lib/http/body-schemas';
import { AREAS } from './areas';
import { buildDocument, serializeDocument } from './build-document';
import { errorResponsesOf } from './error-responses';
import { body, type TArea, type TBody } from './operation';

const operations = AREAS.flatMap((a) => a.operations);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const issuesOf = (schema: z.core.$ZodType, value: unknown): string[] => {
  const r = z.safeParse(schema, value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
};

// Every example of an operation, with where it is and the schema it illustrates.
const examplesOf = (op: (typeof operations)[number]): { where: string; schema: z.core.$ZodType; value: unknown }[] => {
  const of = (where: string, b: TBody | undefined) => Object.entries(b?.examples ?? {}).map(([name, value]) => ({ where: `${op.method} ${op.path} ${where} example "${name}"`, schema: b?.schema ?? z.never(), value }));
  return [
    ...of('request', op.body),
    ...Object.entries(op.responses).flatMap(([status, r]) => of(`response ${status}`, r.body)),
    ...Object.entries(errorResponsesOf(op)).flatMap(([status, r]) => of(`response ${status}`, r.body)),
  ];
};

describe('the route descriptions', () => {
  it('have examples that their schemas accept: requests, responses and errors', () => {
    const all = operations.flatMap(examplesOf);
    expect(all.length).toBeGreaterThan(2 * operations.length);
    expect(all.flatMap(({ where, schema, value }) => issuesOf(schema, value).map((i) => `${where}: ${i}`))).toEqual([]);
  });

  it('give every request body and every response body at least one example', () => {
    const missing = operations.flatMap((op) => [
      ...(op.body && Object.keys(op.body.examples).length === 0 ? [`${op.method} ${op.path} request`] : []),
      ...Object.entries({ ...op.responses, ...errorResponsesOf(op) }).flatMap(([status, r]) => (r.body && Object.keys(r.body.examples).length === 0 ? [`${op.method} ${op.path} ${status}`] : [])),
    ]);
    expect(missing).toEqual([]);
  });

  it('describe errors with the error body every handler sends (or a refusal that extends it)', () => {
    const bad = operations.flatMap((op) =>
      Object.entries(errorResponsesOf(op)).flatMap(([status, r]) => Object.entries(r.body.examples).flatMap(([name, value]) => issuesOf(ZErrorBodySchema, value).map((i) => `${op.method} ${op.path} ${status} "${name}": ${i}`))),
    );
    expect(bad).toEqual([]);
  });

  it("checks each action example's params with its kind's own schema", () => {
    const PARAMS: Record<TActionKind, z.core.$ZodType> = { switchover: ZSwitchoverParamsSchema, drill: ZDrillParamsSchema, repair: ZRepairParamsSchema, checksum: ZChecksumParamsSchema };
    const start = operations.find((op) => op.method === 'POST' && op.path === '/api/clusters/{name}/actions');
    const examples = Object.entries(start?.body?.examples ?? {});
    expect(new Set(examples.map(([, v]) => (isRecord(v) ? v.kind : null)))).toEqual(new Set(Object.keys(PARAMS)));
    const bad = examples.flatMap(([name, v]) => {
      const kind = isRecord(v) && typeof v.kind === 'string' && v.kind in PARAMS ? (v.kind as TActionKind) : null;
      return kind ? issuesOf(PARAMS[kind], isRecord(v) ? v.params : undefined).map((i) => `"${name}": ${i}`) : [`"${name}": no known kind`];
    });
    expect(bad).toEqual([]);
  });

  it('describe exactly the query parameters the query schema has', () => {
    const bad = operations.flatMap((op) => {
      if (!op.query) return [];
      const keys = Object.keys(op.query.schema.shape).sort();
      const described = Object.keys(op.query.describe).sort();
      return keys.join() === described.join() ? [] : [`${op.method} ${op.path}: schema has ${keys.join(', ')}; described ${described.join(', ')}`];
    });
    expect(bad).toEqual([]);
  });

  it('refuse one schema under two names', () => {
    const schema = z.object({ a: z.string() });
    const area = (tag: string, name: string): TArea => ({ tag, description: tag, operations: [], components: { [name]: schema } });
    expect(() => buildDocument([area('a', 'One'), area('b', 'Two')])).toThrow(/named twice/);
    expect(buildDocument([area('a', 'One')]).paths).toEqual({});
    expect(body(schema, { x: { a: 'b' } }).schema).toBe(schema);
  });
});

// Where a JSON pointer (#/a/b) leads in the document, or undefined.
const resolve = (doc: unknown, ref: string): unknown =>
  ref
    .replace(/^#\//, '')
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), doc);

const refsIn = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap(refsIn) : isRecord(v) ? Object.entries(v).flatMap(([k, x]) => (k === '$ref' && typeof x === 'string' ? [x] : refsIn(x))) : []);

describe('the OpenAPI document', () => {
  const doc = buildDocument();
  const ops = Object.entries(doc.paths).flatMap(([p, item]) => Object.entries(item).map(([method, op]) => ({ path: p, method, op: isRecord(op) ? op : {} })));

  it('is OpenAPI 3.1 with info, paths and components', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBe('Tandem');
    expect(ops.length).toBe(operations.length);
    for (const { method } of ops) expect(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']).toContain(method);
  });

  it('resolves every $ref', () => {
    const refs = [...new Set(refsIn(doc))];
    expect(refs.length).toBeGreaterThan(5);
    expect(refs.filter((r) => !r.startsWith('#/') || resolve(doc, r) === undefined)).toEqual([]);
  });

  it('declares every path parameter, and only those', () => {
    const bad = ops.flatMap(({ path: p, method, op }) => {
      const inPath = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const params = Array.isArray(op.parameters) ? op.parameters.filter(isRecord) : [];
      const declared = params.filter((x) => x.in === 'path').map((x) => (x.required === true ? x.name : `${String(x.name)} (not required)`)).sort();
      return inPath.join() === declared.join() ? [] : [`${method} ${p}: path has ${inPath.join(', ')}; declared ${declared.join(', ')}`];
    });
    expect(bad).toEqual([]);
  });

  it('has unique operation ids, a success response on every operation, and only known security schemes and tags', () => {
    const ids = ops.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const schemes = Object.keys(isRecord(doc.components) && isRecord(doc.components.securitySchemes) ? doc.components.securitySchemes : {});
    const tags = Array.isArray(doc.tags) ? doc.tags.filter(isRecord).map((t) => t.name) : [];
    for (const { path: p, method, op } of ops) {
      const responses = isRecord(op.responses) ? Object.keys(op.responses) : [];
      expect(responses.some((s) => /^2\d\d$/.test(s)), `${method} ${p} success response`).toBe(true);
      expect(responses.every((s) => /^[1-5]\d\d$/.test(s)), `${method} ${p} statuses`).toBe(true);
      const security = Array.isArray(op.security) ? op.security.filter(isRecord) : null;
      expect(security, `${method} ${p} security`).not.toBeNull();
      for (const s of security ?? []) for (const name of Object.keys(s)) expect(schemes).toContain(name);
      for (const t of Array.isArray(op.tags) ? op.tags : []) expect(tags).toContain(t);
    }
  });

  it('is what docs/openapi.json holds (run `npm run openapi` after changing a route description)', () => {
    const committed = readFileSync(path.join(process.cwd(), 'docs', 'openapi.json'), 'utf8');
    expect(committed === serializeDocument(doc), 'docs/openapi.json is stale: run `npm run openapi` and commit it').toBe(true);
  });
});
