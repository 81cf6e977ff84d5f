#!/usr/bin/env node
// `tandem` CLI entry: loads the TypeScript sources through tsx so the CLI and
// the server share lib/ as written, with no separate build.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// The CLI's stdout is its output (a table, one JSON document): the info
// lines lib/ logs (a switchover run logs "action ended") would break --json.
// Warnings and errors still reach stderr.
process.env.TANDEM_LOG_LEVEL ??= 'warn';
register({ tsconfig: path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tsconfig.json') });
const { main } = await import('./cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
