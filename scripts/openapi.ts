// npm run openapi – write docs/openapi.json from the route descriptions in
// lib/openapi/ (a test fails while the committed file differs).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildDocument, serializeDocument } from '@/lib/openapi/build-document';

const out = path.join(process.cwd(), 'docs', 'openapi.json');
writeFileSync(out, serializeDocument(buildDocument()));
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
