#!/usr/bin/env node
// `npm run demo`: Tandem on the embedded default (SQLite in data/) at
// http://127.0.0.1:3000, installing and building what a fresh checkout lacks.
// Ctrl-C stops everything this started.
import { spawn } from 'node:child_process';
import { ensureBuild, ensureNodeModules } from './prerequisites.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
ensureNodeModules();
ensureBuild();

const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', HOST: process.env.HOST ?? '127.0.0.1', PORT: process.env.PORT ?? '3000' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
