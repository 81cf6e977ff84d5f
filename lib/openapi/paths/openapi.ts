import { ZOpenApiDocumentSchema } from '../document-schema';
import { body, type TArea } from '../operation';

export const openapiArea: TArea = {
  tag: 'openapi',
  description: 'This description of the API.',
  operations: [
    {
      method: 'GET',
      path: '/api/openapi.json',
      summary: 'The OpenAPI 3.1 description of every route (this document)',
      description: 'Generated from the zod schemas the handlers use; the same document as docs/openapi.json in the repository.',
      auth: { kind: 'public' },
      responses: { 200: { description: 'The document.', body: body(ZOpenApiDocumentSchema, { trimmed: { openapi: '3.1.0', info: { title: 'Tandem', version: '0.1.0' }, paths: {} } }) } },
    },
  ],
};
