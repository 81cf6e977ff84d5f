import { readFileSync } from 'node:fs';
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { demoRegistry, exposedNames } from '@/test/support/exposition';

// docs/prometheus-alerts.yml and docs/grafana-dashboard.json, checked without
// Prometheus or Grafana: the structure each tool expects, every expression
// parsed by Prometheus's own PromQL grammar, and every metric it names one
// that /metrics exposes (a renamed metric cannot leave a silent alert behind).
const exposed = exposedNames(demoRegistry());

// What Grafana puts in an expression before Prometheus sees it.
const GRAFANA_VARIABLES = /\$__(rate_interval|interval|range)\b/g;

const metricNamesIn = (expr: string): string[] => {
  const tree = parser.parse(expr);
  const names: string[] = [];
  const errors: number[] = [];
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(node.from);
      if (node.name === 'VectorSelector') {
        const id = node.node.getChild('Identifier');
        if (id) names.push(expr.slice(id.from, id.to));
      }
    },
  });
  if (errors.length > 0) throw new Error(`PromQL syntax error at ${errors.join(', ')} in: ${expr}`);
  return names;
};

const expectUsesExposedMetrics = (expr: string, where: string) => {
  const names = metricNamesIn(expr);
  expect(names.length, `${where}: names no metric`).toBeGreaterThan(0);
  for (const name of names) expect(exposed.has(name), `${where}: ${name} is not exposed`).toBe(true);
};

const ZRulesSchema = z.strictObject({
  groups: z.array(
    z.strictObject({
      name: z.string().min(1),
      rules: z.array(
        z.strictObject({
          alert: z.string().regex(/^Tandem[A-Za-z]+$/),
          expr: z.string().min(1),
          for: z.string().regex(/^\d+[smh]$/).optional(),
          labels: z.strictObject({ severity: z.enum(['critical', 'warning', 'info']) }),
          annotations: z.strictObject({ summary: z.string().min(1), description: z.string().min(1) }),
        }),
      ).min(1),
    }),
  ).min(1),
});

type TPanel = { title?: string; type: string; targets?: { expr?: string }[]; panels?: TPanel[] };
const ZPanelSchema: z.ZodType<TPanel> = z.lazy(() =>
  z.object({ title: z.string().optional(), type: z.string().min(1), gridPos: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }), targets: z.array(z.object({ expr: z.string().optional(), refId: z.string() })).optional(), panels: z.array(ZPanelSchema).optional() }),
);
const ZDashboardSchema = z.object({
  title: z.string().min(1),
  uid: z.string().min(1),
  schemaVersion: z.number().int(),
  templating: z.object({ list: z.array(z.object({ name: z.string(), type: z.string(), query: z.unknown().optional() })) }),
  panels: z.array(ZPanelSchema).min(1),
});

describe('docs/prometheus-alerts.yml', () => {
  const rules = ZRulesSchema.parse(parseYaml(readFileSync('docs/prometheus-alerts.yml', 'utf8'))).groups.flatMap((g) => g.rules);

  it('has the alerts the README promises, each on metrics /metrics exposes', () => {
    expect(rules.map((r) => r.alert)).toEqual(expect.arrayContaining(['TandemSplitBrain', 'TandemNoVipHolder', 'TandemReplicationBroken', 'TandemReplicationLagHigh', 'TandemNodeUnreachable']));
    for (const r of rules) expectUsesExposedMetrics(r.expr, r.alert);
    expect(rules.find((r) => r.alert === 'TandemSplitBrain')?.expr).toMatch(/tandem_vip_holders\s*>\s*1/);
    expect(rules.find((r) => r.alert === 'TandemNoVipHolder')?.expr).toMatch(/tandem_vip_holders\s*==\s*0/);
  });

  it('would notice a misspelt metric or a syntax error', () => {
    expect(() => metricNamesIn('tandem_vip_holders >')).toThrow(/syntax error/);
    expect(exposed.has('tandem_vip_holder')).toBe(false);
    expect(metricNamesIn('sum by (le) (rate(tandem_poll_duration_seconds_bucket{outcome="ok"}[5m]))')).toEqual(['tandem_poll_duration_seconds_bucket']);
  });
});

describe('docs/grafana-dashboard.json', () => {
  const dashboard = ZDashboardSchema.parse(JSON.parse(readFileSync('docs/grafana-dashboard.json', 'utf8')));
  const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== 'row');

  it('queries only metrics /metrics exposes, in valid PromQL', () => {
    expect(panels.length).toBeGreaterThanOrEqual(8);
    for (const p of panels) {
      expect(p.targets?.length, `${p.title}: no query`).toBeGreaterThan(0);
      for (const t of p.targets ?? []) expectUsesExposedMetrics((t.expr ?? '').replace(GRAFANA_VARIABLES, '5m'), `panel "${p.title}"`);
    }
  });

  it('covers the VIP holder, replication, lag, findings, poll duration and action runs', () => {
    const exprs = panels.flatMap((p) => p.targets ?? []).map((t) => t.expr ?? '').join('\n');
    for (const m of ['tandem_vip_held', 'tandem_vip_holders', 'tandem_replication_io_running', 'tandem_replication_sql_running', 'tandem_replication_lag_seconds', 'tandem_heartbeat_lag_seconds', 'tandem_findings', 'tandem_poll_duration_seconds_bucket', 'tandem_action_runs_total']) expect(exprs).toContain(m);
  });

  it('lists clusters from an exposed metric', () => {
    const cluster = dashboard.templating.list.find((v) => v.name === 'cluster');
    const query = z.object({ query: z.string() }).parse(cluster?.query).query;
    const metric = /^label_values\((\w+), cluster\)$/.exec(query)?.[1];
    expect(metric && exposed.has(metric), query).toBe(true);
  });
});
