import { z } from 'zod';
import { AppError, type TFieldErrors } from '@/lib/errors/app-error';
import { canonicalHost, isDnsName, isIpAddress } from '@/lib/clusters/host';
import { hasControlCharacters } from '@/lib/text/control-characters';
import { ZServiceCommandsSchema } from '@/lib/actions/drill/service-commands';

export { isIpAddress } from '@/lib/clusters/host';

// The inventory document: what POST /api/clusters takes, the lab prints and
// `tandem import` reads. Validation errors are keyed by dotted path
// ("nodes.1.host") so the form and scripts can point at the field.

const need = (kind: string) => ({ error: (iss: { input?: unknown }) => (iss.input === undefined ? 'is required' : `must be ${kind}`) });

export const CLUSTER_NAME_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const NODE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const SSH_USER_RE = /^[a-z_][a-z0-9_-]{0,31}$/;

// Static segments beside /clusters/[name] and /api/clusters/[name]: a cluster
// with one of these names could be created but never opened (/clusters/new is
// the Add form). A test walks app/ so a new static route cannot be forgotten here.
export const RESERVED_CLUSTER_NAMES: readonly string[] = ['new'];

const ZPortSchema = z.int(need('an integer')).min(1, 'must be 1–65535').max(65535, 'must be 1–65535');
// Normalised before the object's rules run, so two spellings of one host are
// caught as duplicates and only the canonical one is stored.
const ZHostSchema = z
  .string(need('text'))
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .refine((h) => isIpAddress(h) || isDnsName(h), 'must be an IPv4 or IPv6 address or a DNS name')
  .transform(canonicalHost);

const ZPrivateKeySchema = z
  .string(need('text'))
  .max(16_384, 'is longer than 16 KiB')
  .refine((k) => /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]+-----END [A-Z0-9 ]*PRIVATE KEY-----/.test(k), 'must be a PEM or OpenSSH private key (-----BEGIN … PRIVATE KEY-----)');
// What `ssh-keygen -lf` and OpenSSH print: SHA256: and 43 base64 characters.
export const HOST_KEY_FINGERPRINT_RE = /^SHA256:[A-Za-z0-9+/]{43}$/;
const ZHostKeyFingerprintSchema = z.string(need('text')).trim().regex(HOST_KEY_FINGERPRINT_RE, 'must be an OpenSSH SHA256 fingerprint (SHA256: and 43 characters, as ssh-keygen -lf prints)');
const ZPassphraseSchema = z.string(need('text')).max(1024, 'is longer than 1024 characters');
const ZMysqlPasswordSchema = z.string(need('text')).min(1, 'is required').max(1024, 'is longer than 1024 characters');

const ZMysqlUserSchema = z
  .string(need('text'))
  .min(1, 'is required')
  .max(80, 'is longer than 80 characters')
  .refine((u) => !hasControlCharacters(u), 'must not contain control characters');

// The probe credential: an application-like user Tandem writes through (the
// heartbeat), so a read-only node refuses Tandem as it refuses applications.
const probeSchema = <P extends z.ZodType>(password: P) => z.strictObject({ user: ZMysqlUserSchema, password }, need('an object'));

const nodeSchema = <K extends z.ZodType, P extends z.ZodType, S extends z.ZodType>(privateKey: K, password: P, services: S) =>
  z.strictObject({
    name: z.string(need('text')).trim().regex(NODE_NAME_RE, 'must be 1–63 letters, digits, dots, dashes or underscores'),
    host: ZHostSchema,
    ssh: z.strictObject(
      {
        port: ZPortSchema.default(22),
        user: z.string(need('text')).trim().regex(SSH_USER_RE, 'must be a valid Unix user name').default('root'),
        privateKey,
        passphrase: ZPassphraseSchema.optional(),
        // The host key to expect. Without it the first contact pins what the
        // host offers; a later change must be approved.
        hostKeyFingerprint: ZHostKeyFingerprintSchema.optional(),
      },
      need('an object'),
    ),
    mysql: z.strictObject(
      {
        port: ZPortSchema.default(3306),
        user: ZMysqlUserSchema,
        password,
      },
      need('an object'),
    ),
    // How a failover drill stops and starts this node's services (commands
    // run as the SSH user): only the overrides, the systemd defaults fill in
    // the rest. Changing them needs the node's private key (write-nodes.ts).
    services,
  }, need('an object'));

const clusterFields = {
  name: z
    .string(need('text'))
    .regex(CLUSTER_NAME_RE, 'must be lowercase letters, digits and dashes (1–63), starting with a letter or digit')
    .refine((n) => !RESERVED_CLUSTER_NAMES.includes(n), { error: (iss) => `is reserved: /clusters/${String(iss.input)} is a page of its own, so the cluster could not be opened` }),
  vip: z.string(need('text')).trim().toLowerCase().refine(isIpAddress, 'must be an IPv4 or IPv6 address').transform(canonicalHost),
  // A NUL once cut a stored description short; ESC and newlines rewrote `tandem clusters list`.
  description: z
    .string(need('text'))
    .trim()
    .max(1000, 'is longer than 1000 characters')
    .refine((d) => !hasControlCharacters(d), 'must not contain control characters (newlines, tabs, NUL, ESC or bidi controls)'),
  virtualRouterId: z.int(need('an integer')).min(1, 'must be 1–255').max(255, 'must be 1–255'),
  lagThresholdSeconds: z.int(need('an integer')).min(1, 'must be 1–86400').max(86400, 'must be 1–86400'),
  // Anti-flap: after a VIP move, switchovers wait this long (0 turns it off).
  switchoverCooldownSeconds: z.int(need('an integer')).min(0, 'must be 0–86400').max(86400, 'must be 0–86400'),
  heartbeat: z.boolean(need('true or false')),
};

type TCrossIssue = { path: (string | number)[]; message: string };

// Rules that span fields: unique node names and hosts, VIP not a node. Pure,
// so parseWith can also run them on a document that failed field checks and
// report every problem in one round trip.
const crossIssues = (vip: unknown, nodes: unknown): TCrossIssue[] => {
  if (!Array.isArray(nodes)) return [];
  const text = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : undefined);
  // Also run on raw input when field checks failed, so normalise here too.
  const hostKey = (v: unknown) => (typeof v === 'string' ? canonicalHost(v) : undefined);
  const issues: TCrossIssue[] = [];
  const seenNames = new Map<string, number>();
  const seenHosts = new Map<string, number>();
  nodes.forEach((n: unknown, i) => {
    if (typeof n !== 'object' || n === null) return;
    const name = text(Reflect.get(n, 'name'));
    const host = hostKey(Reflect.get(n, 'host'));
    const nameAt = name ? seenNames.get(name) : undefined;
    if (nameAt !== undefined) issues.push({ path: ['nodes', i, 'name'], message: `duplicates the name of nodes.${nameAt}` });
    else if (name) seenNames.set(name, i);
    const hostAt = host ? seenHosts.get(host) : undefined;
    if (hostAt !== undefined) issues.push({ path: ['nodes', i, 'host'], message: `duplicates the host of nodes.${hostAt}` });
    else if (host) seenHosts.set(host, i);
  });
  const v = hostKey(vip);
  const vipAt = v ? seenHosts.get(v) : undefined;
  if (vipAt !== undefined) issues.push({ path: ['vip'], message: `must differ from every node host (nodes.${vipAt}.host is the same)` });
  return issues;
};

const crossCheck = (doc: { vip?: string; nodes?: unknown[] }, ctx: z.RefinementCtx): void => {
  for (const issue of crossIssues(doc.vip, doc.nodes)) ctx.addIssue({ code: 'custom', ...issue });
};

const ZNodesSchema = <T extends z.ZodType>(node: T) =>
  z.array(node, need('a list')).min(2, 'needs at least 2 nodes').max(16, 'allows at most 16 nodes');

export const ZNodeInputSchema = nodeSchema(ZPrivateKeySchema, ZMysqlPasswordSchema, ZServiceCommandsSchema.optional());

export const ZClusterDocumentSchema = z
  .strictObject({
    name: clusterFields.name,
    vip: clusterFields.vip,
    description: clusterFields.description.optional(),
    virtualRouterId: clusterFields.virtualRouterId.optional(),
    lagThresholdSeconds: clusterFields.lagThresholdSeconds.optional(),
    switchoverCooldownSeconds: clusterFields.switchoverCooldownSeconds.optional(),
    heartbeat: clusterFields.heartbeat.optional(),
    probe: probeSchema(ZMysqlPasswordSchema).optional(),
    nodes: ZNodesSchema(ZNodeInputSchema),
  }, need('an object'))
  .superRefine(crossCheck);

export type TClusterDocument = z.infer<typeof ZClusterDocumentSchema>;
export type TNodeInput = z.infer<typeof ZNodeInputSchema>;

// PATCH: every field optional; `nodes`, when given, is the complete new list,
// matched to existing nodes by name, whose secrets are kept when omitted.
// A node's `services` too is kept when omitted; null removes it.
export const ZNodePatchSchema = nodeSchema(ZPrivateKeySchema.optional(), ZMysqlPasswordSchema.optional(), ZServiceCommandsSchema.nullable().optional());

export const ZClusterPatchSchema = z
  .strictObject({
    name: clusterFields.name.optional(),
    vip: clusterFields.vip.optional(),
    description: clusterFields.description.nullable().optional(),
    virtualRouterId: clusterFields.virtualRouterId.nullable().optional(),
    lagThresholdSeconds: clusterFields.lagThresholdSeconds.optional(),
    switchoverCooldownSeconds: clusterFields.switchoverCooldownSeconds.optional(),
    heartbeat: clusterFields.heartbeat.optional(),
    // null removes it; an omitted password keeps the stored one.
    probe: probeSchema(ZMysqlPasswordSchema.optional()).nullable().optional(),
    nodes: ZNodesSchema(ZNodePatchSchema).optional(),
  }, need('an object'))
  .superRefine(crossCheck);

export type TClusterPatch = z.infer<typeof ZClusterPatchSchema>;
export type TNodePatch = z.infer<typeof ZNodePatchSchema>;

// POST …/nodes/:node/host-key: the fingerprint the operator approves (checked
// against what the node offers, so only its length is bounded here).
export const ZHostKeyApprovalSchema = z.strictObject({ fingerprint: z.string().min(1).max(100) });

export const toFieldErrors = (error: z.ZodError): TFieldErrors => {
  const fields: TFieldErrors = {};
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => (base ? `${base}.${k}` : k)) : [base || '_'];
    for (const key of keys) fields[key] ??= issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message;
  }
  return fields;
};

export const parseWith = <T extends z.ZodType>(schema: T, input: unknown): z.infer<T> => {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = toFieldErrors(result.error);
    // zod skips object refinements once a field failed; add the cross-field
    // findings so the user sees every problem at once.
    if (typeof input === 'object' && input !== null) {
      for (const i of crossIssues(Reflect.get(input, 'vip'), Reflect.get(input, 'nodes'))) fields[i.path.join('.')] ??= i.message;
    }
    throw new AppError('INVALID', 'the inventory document is invalid', { fields });
  }
  return result.data;
};
