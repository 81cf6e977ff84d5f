import { z } from 'zod';
import { body, type TArea } from '../operation';

const EXAMPLE = `# HELP tandem_vip_held 1 if the node holds the cluster's VIP, else 0.
# TYPE tandem_vip_held gauge
tandem_vip_held{cluster="lab",node="node1"} 1
tandem_vip_held{cluster="lab",node="node2"} 0
# HELP tandem_vip_holders How many nodes hold the cluster's VIP (1 is healthy; 0 nobody; 2 split brain).
# TYPE tandem_vip_holders gauge
tandem_vip_holders{cluster="lab"} 1
`;

export const metricsArea: TArea = {
  tag: 'metrics',
  description: 'Prometheus metrics for scrapers with a viewer token. Every metric and label: docs/metrics.md.',
  operations: [
    {
      method: 'GET',
      path: '/metrics',
      summary: 'Prometheus metrics (text exposition format 0.0.4)',
      auth: { kind: 'role', role: 'viewer' },
      responses: { 200: { description: 'Per cluster and node: VIP, replication, lag, read_only, keepalived, findings; polls, reconnects, action runs, notification deliveries.', body: { ...body(z.string(), { lab: EXAMPLE }), contentType: 'text/plain; version=0.0.4; charset=utf-8' } } },
    },
  ],
};
