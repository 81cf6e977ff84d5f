// What agents need to reach one node, secrets decrypted. Built only inside
// agents/ (load-targets.ts) and never serialised, logged or sent to a client.
export type TNodeTarget = {
  id: string;
  cluster: string;
  name: string;
  host: string;
  ssh: { port: number; user: string; privateKey: string; passphrase: string | null; pinnedFingerprint: string };
  mysql: { port: number; user: string; password: string };
};

export const targetLabel = (t: Pick<TNodeTarget, 'cluster' | 'name' | 'host'>): string => `${t.cluster}/${t.name} (${t.host})`;
