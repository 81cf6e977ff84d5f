import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';
import type { TNodeTarget } from '@/agents/node-target';
import { acceptOnlyKey } from '@/bench/fleet/ssh-auth';

// An SSH server in the test process that runs each exec request as
// `sh -c COMMAND` on this machine, as sshd does for a key-only login. Code
// in agents/ that drives ssh2 channels itself (the reseed's stream pipe)
// is then tested through Tandem's real SSH pool and real ssh2 channels
// (windows, flow control, exit status) against real local processes,
// without root, a network namespace or a system sshd. The shape follows
// the fleet simulator's nodes (bench/fleet/ssh-node.ts).
//
// A channel the client closes closes the process's pipes and leaves the
// process to notice (end of input; EPIPE or SIGPIPE on its next write), as
// OpenSSH does: it is not killed.

// ssh2 is CommonJS: its named exports are not visible to Node's ESM loader.
const { Server, utils } = ssh2;

export type TProcessEnd = { code: number | null; signal: NodeJS.Signals | null };
export type TLocalProcess = { command: string; pid: number | undefined; ended: Promise<TProcessEnd>; hasEnded: () => boolean };
export type TLocalSshServer = {
  // A node as Tandem's pool reaches it (its own id: its own connection).
  target: (name: string) => TNodeTarget;
  // Every process started, in the order the exec requests came.
  processes: TLocalProcess[];
  close: () => Promise<void>;
};

// ECDSA keys: ssh2 1.17 writes about one ed25519 key in 500 that it cannot
// read back (bench/fleet/keys.ts).
const keyPair = () => utils.generateKeyPairSync('ecdsa', { bits: 256 });

export const startLocalSshServer = async (): Promise<TLocalSshServer> => {
  const host = keyPair();
  const client = keyPair();
  const authenticate = acceptOnlyKey(client.public);
  const processes: TLocalProcess[] = [];
  const kills: (() => void)[] = [];

  const server = new Server({ hostKeys: [host.private] }, (conn) => {
    conn.on('error', () => undefined);
    conn.on('authentication', authenticate);
    conn.on('ready', () => {
      conn.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('pty', (_a, reject) => reject?.());
        session.on('shell', (_a, reject) => reject());
        session.on('exec', (accept, _reject, info) => {
          const ch = accept();
          ch.on('error', () => undefined);
          const child = spawn('sh', ['-c', info.command], { stdio: ['pipe', 'pipe', 'pipe'] });
          let hasEnded = false;
          const ended = new Promise<TProcessEnd>((resolve) =>
            child.on('exit', (code, signal) => {
              hasEnded = true;
              resolve({ code, signal });
            }),
          );
          processes.push({ command: info.command, pid: child.pid, ended, hasEnded: () => hasEnded });
          kills.push(() => void (hasEnded || child.kill('SIGKILL')));
          // pipe() pauses the reader whenever the writer is full: a slow
          // process leaves the window closed, a slow client stalls the process.
          child.stdout.pipe(ch, { end: false });
          child.stderr.pipe(ch.stderr, { end: false });
          ch.pipe(child.stdin);
          child.stdin.on('error', () => undefined);
          ch.on('close', () => {
            child.stdin.destroy();
            child.stdout.destroy();
            child.stderr.destroy();
          });
          child.on('close', (code, signal) => {
            // After what is already queued on the channel: status, EOF, close.
            ch.write(Buffer.alloc(0), () => {
              if (signal) ch.exit(signal.replace(/^SIG/, ''), false, '');
              else ch.exit(code ?? 255);
              ch.end();
            });
          });
        });
      });
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

  return {
    processes,
    target: (name) => ({
      id: `local-${name}`,
      cluster: 'local',
      name,
      host: '127.0.0.1',
      ssh: { port, user: 'tandem', privateKey: client.private, passphrase: null, pinnedFingerprint: '' },
      mysql: { port: 3306, user: 'tandem', password: 'unused' },
    }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const kill of kills) kill();
        server.close(() => resolve());
      }),
  };
};
