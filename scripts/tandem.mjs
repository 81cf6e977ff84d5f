#!/usr/bin/env node
// `tandem` CLI entry: loads the TypeScript sources through tsx so the CLI and
// the server share lib/ as written, with no separate build.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

register({ tsconfig: path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tsconfig.json') });
const { main } = await import('./cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
