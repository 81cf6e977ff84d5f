import { ZClusterDocumentSchema, ZClusterPatchSchema, ZHostKeyApprovalSchema } from '@/lib/clusters/schema';
import { ZClusterEnvelopeSchema, ZClusterListSchema, ZExportedClusterSchema, ZHostKeyApprovedSchema, ZPublicClusterSchema } from '@/lib/clusters/public-schema';
import { exampleCluster, exampleExport, FINGERPRINT } from '../examples';
import { body, errorBody, type TArea } from '../operation';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ…\n-----END OPENSSH PRIVATE KEY-----';
const NAME = { name: 'the cluster’s name' };
const taken = { 409: { description: 'The name is taken.', body: errorBody({ taken: { error: 'conflict', message: 'a cluster named "lab" already exists', fields: { name: 'is already taken' } } }) } };

export const clustersArea: TArea = {
  tag: 'clusters',
  description: 'The inventory: dual-master pairs, their nodes and credentials (secrets are write-only).',
  components: { PublicCluster: ZPublicClusterSchema, ClusterDocument: ZClusterDocumentSchema, ExportedCluster: ZExportedClusterSchema },
  operations: [
    {
      method: 'GET',
      path: '/api/clusters',
      summary: 'List clusters, without secrets',
      auth: { kind: 'role', role: 'viewer' },
      responses: { 200: { description: 'Every cluster, by name.', body: body(ZClusterListSchema, { lab: { clusters: [exampleCluster] } }) } },
    },
    {
      method: 'POST',
      path: '/api/clusters',
      summary: 'Register a cluster from an inventory document',
      description: 'Node credentials are encrypted at rest and never returned. Without `hostKeyFingerprint`, the first contact pins the key the host offers.',
      auth: { kind: 'role', role: 'admin' },
      body: body(ZClusterDocumentSchema, {
        pair: {
          name: 'lab',
          vip: '198.18.0.100',
          description: 'the lab pair',
          virtualRouterId: 51,
          heartbeat: true,
          probe: { user: 'probe', password: 'probe-secret' },
          nodes: [
            { name: 'node1', host: '198.18.0.11', ssh: { port: 22, user: 'root', privateKey: KEY }, mysql: { port: 3306, user: 'tandem', password: 'tandem-secret' } },
            { name: 'node2', host: '198.18.0.12', ssh: { privateKey: KEY }, mysql: { user: 'tandem', password: 'tandem-secret' } },
          ],
        },
      }),
      responses: { 201: { description: 'Registered; the collector starts watching it.', body: body(ZClusterEnvelopeSchema, { lab: { cluster: exampleCluster } }) } },
      errors: taken,
    },
    {
      method: 'GET',
      path: '/api/clusters/{name}',
      summary: 'One cluster, without secrets',
      auth: { kind: 'role', role: 'viewer' },
      pathParams: NAME,
      responses: { 200: { description: 'The cluster.', body: body(ZClusterEnvelopeSchema, { lab: { cluster: exampleCluster } }) } },
    },
    {
      method: 'PATCH',
      path: '/api/clusters/{name}',
      summary: 'Change fields of a cluster',
      description: '`nodes`, when given, is the complete new list, matched by name; omitted secrets are kept. `null` removes an optional field.',
      auth: { kind: 'role', role: 'admin' },
      pathParams: NAME,
      body: body(ZClusterPatchSchema, { describe: { description: 'production pair, rack 4' }, threshold: { lagThresholdSeconds: 10, switchoverCooldownSeconds: 120 } }),
      responses: { 200: { description: 'The cluster as it is now.', body: body(ZClusterEnvelopeSchema, { lab: { cluster: exampleCluster } }) } },
      errors: taken,
    },
    {
      method: 'DELETE',
      path: '/api/clusters/{name}',
      summary: 'Forget a cluster (its servers are not touched)',
      auth: { kind: 'role', role: 'admin' },
      pathParams: NAME,
      responses: { 204: { description: 'Forgotten.' } },
    },
    {
      method: 'GET',
      path: '/api/clusters/{name}/export',
      summary: 'The inventory document without secrets',
      description: 'Fill in `privateKey` and `password` to import it elsewhere; pinned host keys and service commands go with it.',
      auth: { kind: 'role', role: 'viewer' },
      pathParams: NAME,
      responses: { 200: { description: 'The document.', body: body(ZExportedClusterSchema, { lab: exampleExport }) } },
    },
    {
      method: 'POST',
      path: '/api/clusters/{name}/nodes/{node}/host-key',
      summary: 'Approve the SSH host key a node now offers',
      auth: { kind: 'role', role: 'admin' },
      pathParams: { ...NAME, node: 'the node’s name' },
      body: body(ZHostKeyApprovalSchema, { approve: { fingerprint: FINGERPRINT } }),
      responses: { 200: { description: 'The key now pinned, and the one before.', body: body(ZHostKeyApprovedSchema, { approved: { node: 'node2', previous: null, fingerprint: FINGERPRINT } }) } },
    },
  ],
};
