import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import serverNodeFlags from './server-node-flags.json';

// The V8 flags Tandem's memory figures depend on reach every way the server
// is started: `npm start`, `npm run dev`, the systemd unit in the operator
// guide (the demo, the tests and the benchmarks read the file itself).
describe('the server process flags', () => {
  const pkg: { scripts: Record<string, string> } = JSON.parse(readFileSync('package.json', 'utf8'));
  const unit = readFileSync('docs/deployment.md', 'utf8');

  it.each(['start', 'dev'])('npm %s starts server.ts with them', (script) => {
    const command = pkg.scripts[script] ?? '';
    expect(command).toMatch(/ server\.ts$/);
    for (const flag of serverNodeFlags) expect(command.split(' ')).toContain(flag);
  });

  it('the documented systemd unit starts server.ts with them', () => {
    const execStart = /^ExecStart=(.*)$/m.exec(unit)?.[1] ?? '';
    expect(execStart).toContain('server.ts');
    for (const flag of serverNodeFlags) expect(execStart.split(' ')).toContain(flag);
  });

  it('are flags this Node.js accepts', () => {
    const run = spawnSync(process.execPath, [...serverNodeFlags, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
