import { z } from 'zod';
import { ZServiceCommandsSchema } from '@/lib/actions/drill/service-commands';
import type { TExportedCluster } from './export-cluster';
import type { TPublicCluster } from './public-cluster';

// What the clusters API answers, as schemas (the OpenAPI description is
// generated from them). The checks at the end tie each to the type the
// server builds, both ways, so neither can change alone.

const ZPublicNodeSchema = z.object({
  name: z.string(),
  host: z.string(),
  ssh: z.object({ port: z.number(), user: z.string(), hostKeyFingerprint: z.string().nullable() }),
  mysql: z.object({ port: z.number(), user: z.string() }),
  services: ZServiceCommandsSchema.nullable(),
});

export const ZPublicClusterSchema = z.object({
  name: z.string(),
  vip: z.string(),
  description: z.string().nullable(),
  virtualRouterId: z.number().nullable(),
  lagThresholdSeconds: z.number(),
  switchoverCooldownSeconds: z.number(),
  heartbeat: z.boolean(),
  probe: z.object({ user: z.string() }).nullable(),
  nodes: z.array(ZPublicNodeSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZClusterEnvelopeSchema = z.object({ cluster: ZPublicClusterSchema });
export const ZClusterListSchema = z.object({ clusters: z.array(ZPublicClusterSchema) });

export const ZExportedClusterSchema = z.object({
  name: z.string(),
  vip: z.string(),
  description: z.string().optional(),
  virtualRouterId: z.number().optional(),
  lagThresholdSeconds: z.number(),
  switchoverCooldownSeconds: z.number(),
  heartbeat: z.boolean(),
  probe: z.object({ user: z.string() }).optional(),
  nodes: z.array(
    z.object({
      name: z.string(),
      host: z.string(),
      ssh: z.object({ port: z.number(), user: z.string(), hostKeyFingerprint: z.string().optional() }),
      mysql: z.object({ port: z.number(), user: z.string() }),
      services: ZServiceCommandsSchema.optional(),
    }),
  ),
});

// POST /api/clusters/:name/nodes/:node/host-key answers the node, the key it
// pinned before and the one now pinned.
export const ZHostKeyApprovedSchema = z.object({ node: z.string(), previous: z.string().nullable(), fingerprint: z.string() });

const checks = {
  cluster: (c: TPublicCluster): z.input<typeof ZPublicClusterSchema> => c,
  clusterBack: (c: z.output<typeof ZPublicClusterSchema>): TPublicCluster => c,
  exported: (c: TExportedCluster): z.input<typeof ZExportedClusterSchema> => c,
  exportedBack: (c: z.output<typeof ZExportedClusterSchema>): TExportedCluster => c,
};
void checks;
