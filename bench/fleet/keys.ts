// The fleet's SSH keys: one host key per simulated node (pinned by Tandem as a
// real node's would be) and the one client key Tandem logs in with. Generated
// once and cached as JSON (mode 0600): a thousand keys take a second or two.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ssh2 from 'ssh2';
import { z } from 'zod';

// ssh2 is CommonJS: its named exports are not visible to Node's ESM loader.
const { utils } = ssh2;

const ZKeyPairSchema = z.object({ private: z.string(), public: z.string() });
const ZFleetKeysSchema = z.object({ client: ZKeyPairSchema, hosts: z.array(z.string()) });
export type TFleetKeys = z.infer<typeof ZFleetKeysSchema>;

// ssh2 1.17 writes about one ed25519 key in 500 with a 31-byte public key (a
// leading zero byte dropped), which it then cannot parse: draw again.
const isUsable = (privateKey: string): boolean => !(utils.parseKey(privateKey) instanceof Error);
const generate = () => {
  for (;;) {
    const k = utils.generateKeyPairSync('ed25519');
    if (isUsable(k.private)) return { private: k.private, public: k.public };
  }
};

export const fleetKeys = (options: { dir: string; hosts: number }): TFleetKeys => {
  const file = path.join(options.dir, 'fleet-keys.json');
  const cached = existsSync(file) ? ZFleetKeysSchema.safeParse(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
  const keys: TFleetKeys = cached?.success ? { client: cached.data.client, hosts: cached.data.hosts.filter(isUsable) } : { client: generate(), hosts: [] };
  if (cached?.success && keys.hosts.length >= options.hosts && keys.hosts.length === cached.data.hosts.length) return keys;
  while (keys.hosts.length < options.hosts) keys.hosts.push(generate().private);
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
};

// The fingerprint Tandem pins (agents/ssh-pool.ts fingerprintOf): SHA-256 of the public key blob.
export const hostFingerprint = (privateKey: string): string => {
  const key = utils.parseKey(privateKey);
  if (key instanceof Error) throw key;
  return `SHA256:${createHash('sha256').update(key.getPublicSSH()).digest('base64').replace(/=+$/, '')}`;
};
