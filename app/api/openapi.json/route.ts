// GET /api/openapi.json – the OpenAPI 3.1 description of every route
import { buildDocument } from '@/lib/openapi/build-document';
import { handle, json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

// Public, like /api/health: the document is the one committed as
// docs/openapi.json, so it holds nothing a signed-out caller could not read
// there, and tools (Swagger UI, client generators) fetch it without
// credentials. Every route it describes still needs what it says.
let cached: ReturnType<typeof buildDocument> | undefined;

export const GET = handle(async () => json((cached ??= buildDocument())));
