import { z } from 'zod';

// The outline of the document GET /api/openapi.json serves (the OpenAPI 3.1
// specification defines the rest).
export const ZOpenApiDocumentSchema = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});
export type TOpenApiDocument = z.infer<typeof ZOpenApiDocumentSchema>;
