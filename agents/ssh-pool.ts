import { createHash } from 'node:crypto';
import { NodeSSH } from 'node-ssh';
import { countSshReconnect } from '@/lib/metrics/count-ssh-reconnect';
import { openShell, type TNodeShell } from './node-shell';
import { ExecError } from './exec-error';
import { targetLabel, type TNodeTarget } from './node-target';

// One persistent SSH connection per node, reused by every poll. Connecting
// has a 5 s timeout; failures back off (0.5 s doubling to 30 s) so a dead node
// costs one attempt per backoff window, not one per poll.
export const CONNECT_TIMEOUT_MS = 5000;
const SHELL_READY_TIMEOUT_MS = 15_000;
const BACKOFF_MS = { first: 500, max: 30_000 };

export const fingerprintOf = (key: Buffer): string => `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;

export type TShellKind = 'poll' | 'probe' | 'action';

type TEntry = {
  ssh?: NodeSSH;
  shells: Map<TShellKind, { prelude: string; shell: Promise<TNodeShell> }>;
  connecting?: Promise<NodeSSH>;
  failures: number;
  retryAt: number;
  // Connections made so far: every one after the first is a reconnect.
  connections: number;
  lastError?: ExecError;
};

export type TSshPool = ReturnType<typeof createSshPool>;

export type TPinStore = {
  onPinned: (target: TNodeTarget, fingerprint: string) => Promise<void>;
  // The pin as stored now: an admin may have approved a new host key (from
  // any process) since the target was loaded.
  currentPin?: (target: TNodeTarget) => Promise<string>;
};

export const createSshPool = (options: TPinStore) => {
  const entries = new Map<string, TEntry>();

  const entryFor = (id: string): TEntry => {
    let e = entries.get(id);
    if (!e) {
      e = { failures: 0, retryAt: 0, connections: 0, shells: new Map() };
      entries.set(id, e);
    }
    return e;
  };

  const connect = async (target: TNodeTarget, entry: TEntry, rereadPin = true): Promise<NodeSSH> => {
    const ssh = new NodeSSH();
    let seen: string | undefined;
    const pinned = target.ssh.pinnedFingerprint;
    try {
      await ssh.connect({
        host: target.host,
        port: target.ssh.port,
        username: target.ssh.user,
        privateKey: target.ssh.privateKey,
        passphrase: target.ssh.passphrase ?? undefined,
        readyTimeout: CONNECT_TIMEOUT_MS,
        keepaliveInterval: 5000,
        keepaliveCountMax: 2,
        tryKeyboard: false,
        hostVerifier: (key: Buffer) => {
          seen = fingerprintOf(key);
          return pinned === '' || pinned === seen;
        },
      });
    } catch (cause) {
      ssh.dispose();
      const mismatch = pinned !== '' && seen !== undefined && seen !== pinned;
      if (mismatch && rereadPin && options.currentPin) {
        const stored = await options.currentPin(target).catch(() => pinned);
        if (stored !== pinned) {
          target.ssh.pinnedFingerprint = stored;
          return connect(target, entry, false);
        }
      }
      throw new ExecError({
        node: target.name,
        command: 'ssh connect',
        reason: mismatch ? 'host-key-mismatch' : 'connect',
        message: mismatch
          ? `SSH host key of ${targetLabel(target)} changed: pinned ${pinned}, offered ${seen}; refusing to connect`
          : `cannot connect to ${targetLabel(target)} over SSH: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      });
    }
    if (pinned === '' && seen) {
      await options.onPinned(target, seen);
      target.ssh.pinnedFingerprint = seen;
    }
    const forget = () => {
      if (entry.ssh !== ssh) return;
      entry.ssh = undefined;
      entry.shells.clear();
    };
    ssh.connection?.on('close', forget);
    ssh.connection?.on('error', forget);
    return ssh;
  };

  const get = async (target: TNodeTarget): Promise<NodeSSH> => {
    const entry = entryFor(target.id);
    if (entry.ssh?.isConnected()) return entry.ssh;
    if (entry.connecting) return entry.connecting;
    if (Date.now() < entry.retryAt && entry.lastError) throw entry.lastError;
    entry.connecting = connect(target, entry)
      .then((ssh) => {
        if (entry.connections > 0) countSshReconnect({ cluster: target.cluster, node: target.name });
        entry.connections += 1;
        entry.ssh = ssh;
        entry.failures = 0;
        entry.retryAt = 0;
        entry.lastError = undefined;
        return ssh;
      })
      .catch((e: unknown) => {
        entry.failures += 1;
        entry.retryAt = Date.now() + Math.min(BACKOFF_MS.max, BACKOFF_MS.first * 2 ** (entry.failures - 1));
        if (e instanceof ExecError) entry.lastError = e;
        throw e;
      })
      .finally(() => {
        entry.connecting = undefined;
      });
    return entry.connecting;
  };

  // A persistent shell of the given kind on the node's connection (polls and
  // probes each get their own, so a probe never waits behind a poll). The
  // prelude (function definitions) is sent once per shell; a different
  // prelude (e.g. changed credentials) gets a fresh shell.
  const shell = async (target: TNodeTarget, kind: TShellKind, prelude = ''): Promise<TNodeShell> => {
    const ssh = await get(target);
    const entry = entryFor(target.id);
    const existing = entry.shells.get(kind);
    if (existing) {
      const sh = await existing.shell.catch(() => undefined);
      if (sh?.isOpen() && existing.prelude === prelude) return sh;
      sh?.close();
    }
    const client = ssh.connection;
    if (!client) throw new ExecError({ node: target.name, command: 'sh', reason: 'channel', message: `no SSH connection to ${targetLabel(target)}` });
    // The channel opens before sshd has the session's shell running (on a
    // loaded host that takes seconds): one round trip with a generous timeout
    // proves the shell answers, so a caller's short timeout measures its own
    // command, not the session setup (timing out there closed the shell and
    // paid the setup again, every time).
    const opening = openShell(client).then(async (sh) => {
      await sh.define(prelude || ':', SHELL_READY_TIMEOUT_MS);
      return sh;
    });
    entry.shells.set(kind, { prelude, shell: opening });
    try {
      return await opening;
    } catch (cause) {
      entry.shells.delete(kind);
      throw new ExecError({ node: target.name, command: 'sh', reason: 'channel', message: `cannot open a shell on ${targetLabel(target)}: ${cause instanceof Error ? cause.message : String(cause)}`, cause });
    }
  };

  // Drops a connection that misbehaved (a timed-out command may leave the
  // channel stuck); the next call reconnects.
  const drop = (id: string): void => {
    const e = entries.get(id);
    for (const sh of e?.shells.values() ?? []) void sh.shell.then((x) => x.close(), () => undefined);
    e?.shells.clear();
    e?.ssh?.dispose();
    if (e) e.ssh = undefined;
  };

  const disposeAll = (): void => {
    for (const [id] of entries) drop(id);
    entries.clear();
  };

  return { get, shell, drop, disposeAll };
};

// One pool per server process, shared by server.ts and the Next.js route
// bundles (each loads its own copy of this module): one connection per node.
// Host keys are pinned through the most recent caller's database handle.
const store = globalThis as typeof globalThis & { __tandemSshPool?: { pool: TSshPool; pins: TPinStore } };

export const sharedSshPool = (options: TPinStore): TSshPool => {
  if (!store.__tandemSshPool) {
    const pool = createSshPool({
      onPinned: (t, f) => store.__tandemSshPool?.pins.onPinned(t, f) ?? Promise.resolve(),
      currentPin: (t) => store.__tandemSshPool?.pins.currentPin?.(t) ?? Promise.resolve(t.ssh.pinnedFingerprint),
    });
    store.__tandemSshPool = { pool, pins: options };
  }
  store.__tandemSshPool.pins = options;
  return store.__tandemSshPool.pool;
};
