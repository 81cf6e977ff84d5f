// One simulated node's SSH server: its own address, its own host key, the
// fleet's one client key. Sessions are what Tandem opens: `exec sh` (the kept
// shell: collect, ip probe, prelude), `sh -s -- ` with tail-log.sh on stdin
// (the log stream); anything else (an action) fails with status 127.
// A stalled node accepts TCP and then answers nothing, not even SSH
// keepalives (its sockets stop being read), like a hung host.
import { createServer, type Socket } from 'node:net';
import ssh2, { type ServerChannel } from 'ssh2';
import { collectText, followStart, ipAddrText, type TNodeModel } from './node-model';
import { createRequestReader, doneMarkers, type TRequest } from './shell-protocol';
import { acceptOnlyKey } from './ssh-auth';

export type TNodeCounters = { collect: number; probe: number; streams: number; refused: number };

export type TNodeServer = { stall: () => void; resume: () => void; close: () => Promise<void>; counters: TNodeCounters };

// ssh2 is CommonJS: its named exports are not visible to Node's ESM loader.
const { Server } = ssh2;

const NOT_SIMULATED = 'tandem fleet simulator: this simulated node runs only the collect, the ip probe and the log stream\n';

export const serveNode = async (options: { node: TNodeModel; hostKey: string; clientPublicKey: string; port: number }): Promise<TNodeServer> => {
  const { node } = options;
  const authenticate = acceptOnlyKey(options.clientPublicKey);
  const counters: TNodeCounters = { collect: 0, probe: 0, streams: 0, refused: 0 };
  let stalled = false;
  const sockets = new Set<Socket>();
  const ignored = new Set<Socket>();

  const answer = (ch: ServerChannel, r: TRequest) => {
    if (stalled) return;
    const done = doneMarkers(r.id, r.kind === 'other' ? 127 : 0);
    switch (r.kind) {
      case 'define':
        break;
      case 'collect':
        counters.collect += 1;
        ch.write(collectText(node, r.args, Date.now()) + done.stdout);
        ch.stderr.write(done.stderr);
        return;
      case 'ip-addr':
        counters.probe += 1;
        ch.write(ipAddrText(node) + done.stdout);
        ch.stderr.write(done.stderr);
        return;
      case 'other':
        counters.refused += 1;
        ch.stderr.write(NOT_SIMULATED);
        break;
    }
    ch.write(done.stdout);
    ch.stderr.write(done.stderr);
  };

  const follow = (ch: ServerChannel, script: string) => {
    if (!script.includes('@@tandem:following')) {
      counters.refused += 1;
      ch.stderr.write(NOT_SIMULATED);
      ch.exit(127);
      ch.end();
      return;
    }
    counters.streams += 1;
    if (!stalled) ch.write(followStart(node));
    const listener = (text: string) => void (stalled || ch.write(text));
    node.onLog.add(listener);
    ch.on('close', () => node.onLog.delete(listener));
    return () => {
      node.onLog.delete(listener);
      // tail was killed by the signal: sh reports it as the exit signal.
      ch.exit('TERM', false, '');
      ch.end();
    };
  };

  const ssh = new Server({ hostKeys: [options.hostKey] }, (client) => {
    client.on('error', () => undefined);
    client.on('authentication', authenticate);
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        let stop: (() => void) | undefined;
        session.on('signal', (accept) => {
          accept?.();
          stop?.();
        });
        session.on('pty', (_a, reject) => reject?.());
        session.on('shell', (_a, reject) => reject());
        session.on('exec', (accept, _reject, info) => {
          const ch = accept();
          ch.on('error', () => undefined);
          if (info.command === 'exec sh') {
            const read = createRequestReader((r) => answer(ch, r));
            ch.on('data', (chunk: Buffer) => read(chunk));
            return;
          }
          if (info.command.startsWith('sh -s')) {
            let script = '';
            ch.on('data', (chunk: Buffer) => void (script += chunk.toString()));
            ch.on('end', () => void (stop = follow(ch, script)));
            return;
          }
          counters.refused += 1;
          ch.stderr.write(NOT_SIMULATED);
          ch.exit(127);
          ch.end();
        });
      });
    });
  });

  const tcp = createServer((socket) => {
    socket.on('error', () => undefined);
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      ignored.delete(socket);
    });
    if (stalled) {
      ignored.add(socket);
      return;
    }
    ssh.injectSocket(socket);
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(options.port, node.host, () => resolve());
  });

  return {
    counters,
    stall: () => {
      stalled = true;
      for (const s of sockets) s.pause();
    },
    resume: () => {
      stalled = false;
      for (const s of ignored) s.destroy();
      for (const s of sockets) s.resume();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        tcp.close(() => resolve());
      }),
  };
};
