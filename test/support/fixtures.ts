// Inventory documents for tests. The secrets are distinctive so a test can
// search responses, logs and database files for them.
export const SECRET_MARKERS = {
  privateKeyBody: 'PLANTEDKEYMATERIALxq7Z9vR2',
  passphrase: 'planted-passphrase-Jq83Lm',
  password: 'planted-mysql-password-Wk52Tn',
};

export const privateKey = (marker = SECRET_MARKERS.privateKeyBody) =>
  `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA${marker}AAAA\n-----END OPENSSH PRIVATE KEY-----\n`;

export type TDocNode = { name: string; host: string; ssh: Record<string, unknown>; mysql: Record<string, unknown> };
export type TDoc = { name: string; vip: string; description?: string; virtualRouterId?: number; lagThresholdSeconds?: unknown; heartbeat?: unknown; nodes: TDocNode[] };

export const sampleNode = (i: number): TDocNode => ({
  name: `node${i}`,
  host: `198.18.0.${10 + i}`,
  ssh: { port: 22, user: 'root', privateKey: privateKey(), passphrase: SECRET_MARKERS.passphrase },
  mysql: { port: 3306, user: 'tandem', password: SECRET_MARKERS.password },
});

export const sampleDoc = (overrides: Partial<TDoc> = {}): TDoc => ({
  name: 'lab',
  vip: '198.18.0.100',
  description: 'test pair',
  virtualRouterId: 51,
  nodes: [sampleNode(1), sampleNode(2)],
  ...overrides,
});
