import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { demoRegistry } from '@/test/support/exposition';

// Prometheus's own checks: the exposition passes its parser and linter, the
// rule file loads, and the alerts fire (and stay quiet) as
// test/fixtures/prometheus/alerts-test.yml says. The parser tests
// (cluster-gauges, monitoring-docs, the /metrics integration test) check the
// same without promtool.
const hasPromtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;

const promtool = (args: string[], input?: string) => {
  const r = spawnSync('promtool', args, { encoding: 'utf8', input, timeout: 60_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
};

// npm test and .ci/run install Debian's prometheus for promtool; without it
// these fail rather than pass unseen.
describe('promtool', () => {
  it('is installed (Debian package prometheus)', () => {
    expect(hasPromtool, 'promtool not found: apt-get install prometheus (npm test does)').toBe(true);
  });

  it('check metrics: the exposition parses, and Tandem\'s families pass the linter', async () => {
    const text = await demoRegistry().metrics();
    const whole = promtool(['check', 'metrics'], text);
    // prom-client's own process metrics draw lint remarks (gauges named
    // nodejs_active_handles_total): remarks on those only, no parse error.
    const remarks = whole.output.split('\n').filter((l) => l !== '');
    for (const line of remarks) expect(line).toMatch(/^(nodejs|process)_\w+ /);
    const ours = text.split('\n').filter((l) => /^(# (HELP|TYPE) )?tandem_/.test(l)).join('\n');
    expect(ours).toContain('tandem_vip_held{');
    const linted = promtool(['check', 'metrics'], `${ours}\n`);
    expect(linted.output).toBe('');
    expect(linted.status).toBe(0);
  });

  it('check rules: docs/prometheus-alerts.yml loads', () => {
    const r = promtool(['check', 'rules', 'docs/prometheus-alerts.yml']);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('test rules: each alert fires when it should and only then', () => {
    const r = promtool(['test', 'rules', 'test/fixtures/prometheus/alerts-test.yml']);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('SUCCESS');
  });
});
