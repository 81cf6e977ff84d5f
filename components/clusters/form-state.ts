import type { TPublicCluster } from '@/lib/clusters/public-cluster';

// The form edits strings; toRequestBody turns them into the inventory
// document (create) or patch (edit). Blank optional fields are left out so the
// server applies its defaults, and blank secrets in edit mode mean "keep".
export type TNodeForm = {
  name: string;
  host: string;
  sshPort: string;
  sshUser: string;
  privateKey: string;
  passphrase: string;
  mysqlPort: string;
  mysqlUser: string;
  mysqlPassword: string;
};

export type TClusterForm = { name: string; vip: string; description: string; virtualRouterId: string; nodes: TNodeForm[] };

export const emptyNode = (index: number): TNodeForm => ({
  name: `node${index + 1}`,
  host: '',
  sshPort: '22',
  sshUser: 'root',
  privateKey: '',
  passphrase: '',
  mysqlPort: '3306',
  mysqlUser: 'tandem',
  mysqlPassword: '',
});

export const emptyForm = (): TClusterForm => ({ name: '', vip: '', description: '', virtualRouterId: '', nodes: [emptyNode(0), emptyNode(1)] });

export const formFromCluster = (c: TPublicCluster): TClusterForm => ({
  name: c.name,
  vip: c.vip,
  description: c.description ?? '',
  virtualRouterId: c.virtualRouterId === null ? '' : String(c.virtualRouterId),
  nodes: c.nodes.map((n) => ({
    name: n.name,
    host: n.host,
    sshPort: String(n.ssh.port),
    sshUser: n.ssh.user,
    privateKey: '',
    passphrase: '',
    mysqlPort: String(n.mysql.port),
    mysqlUser: n.mysql.user,
    mysqlPassword: '',
  })),
});

// Non-numeric text is sent as is, so the server names the field in its error.
const toNumber = (s: string): number | string => (/^\s*-?\d+\s*$/.test(s) ? Number(s) : s);
const ifSet = <K extends string>(key: K, value: string, map: (s: string) => unknown = (s) => s) =>
  value.trim() === '' ? {} : { [key]: map(value) };

export const toRequestBody = (form: TClusterForm, mode: 'create' | 'edit'): Record<string, unknown> => ({
  name: form.name.trim(),
  vip: form.vip.trim(),
  ...(mode === 'edit'
    ? { description: form.description.trim() || null, virtualRouterId: form.virtualRouterId.trim() ? toNumber(form.virtualRouterId) : null }
    : { ...ifSet('description', form.description), ...ifSet('virtualRouterId', form.virtualRouterId, toNumber) }),
  nodes: form.nodes.map((n) => ({
    name: n.name.trim(),
    host: n.host.trim(),
    ssh: { ...ifSet('port', n.sshPort, toNumber), ...ifSet('user', n.sshUser), ...ifSet('privateKey', n.privateKey), ...ifSet('passphrase', n.passphrase) },
    mysql: { ...ifSet('port', n.mysqlPort, toNumber), user: n.mysqlUser, ...ifSet('password', n.mysqlPassword) },
  })),
});
