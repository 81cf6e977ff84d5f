import { randomBytes } from 'node:crypto';
import type { Client, ClientChannel } from 'ssh2';

// A long-lived `sh` on its own channel of the node's SSH connection. Opening
// an exec channel makes sshd start a fresh session each time (≈100–250 ms in
// the lab); a shell kept open answers a script in a few milliseconds. Each
// request runs in a subshell with stdin from /dev/null, and ends with a
// marker line carrying a random id and the exit status.
export type TShellResult = { stdout: string; code: number | null };

export type TNodeShell = {
  run: (body: string, timeoutMs: number) => Promise<TShellResult>;
  // Runs in the shell itself (not a subshell): for defining functions once.
  define: (text: string, timeoutMs: number) => Promise<TShellResult>;
  isOpen: () => boolean;
  close: () => void;
};

type TPending = { id: string; resolve: (r: TShellResult) => void; reject: (e: Error) => void; timer?: NodeJS.Timeout };

const OPEN_TIMEOUT_MS = 5000;

export const openShell = (client: Client): Promise<TNodeShell> =>
  new Promise((resolve, reject) => {
    // A half-dead connection may never answer the channel request.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`no shell channel within ${OPEN_TIMEOUT_MS} ms`));
    }, OPEN_TIMEOUT_MS);
    client.exec('exec sh', (err, channel: ClientChannel) => {
      clearTimeout(timer);
      if (err) return reject(err);
      if (timedOut) return void channel.close();
      let open = true;
      let buffer = '';
      let pending: TPending | undefined;

      const fail = (e: Error) => {
        open = false;
        const p = pending;
        pending = undefined;
        if (p) {
          clearTimeout(p.timer);
          p.reject(e);
        }
      };

      channel.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        if (!pending) return;
        const marker = new RegExp(`\\n?@@tandem-done:${pending.id}:(\\d+)\\n`);
        const m = marker.exec(buffer);
        if (!m) return;
        const p = pending;
        pending = undefined;
        clearTimeout(p.timer);
        const stdout = buffer.slice(0, m.index);
        buffer = buffer.slice(m.index + m[0].length);
        p.resolve({ stdout, code: Number(m[1]) });
      });
      channel.stderr.on('data', () => undefined);
      channel.on('close', () => fail(new Error('shell channel closed')));
      channel.on('error', (e: Error) => fail(e));

      const send = (text: string, timeoutMs: number) =>
        new Promise<TShellResult>((res, rej) => {
          if (!open) return rej(new Error('shell is closed'));
          if (pending) return rej(new Error('shell is busy'));
          const id = randomBytes(8).toString('hex');
          buffer = '';
          pending = { id, resolve: res, reject: rej };
          pending.timer = setTimeout(() => {
            fail(new Error(`no answer within ${timeoutMs} ms`));
            channel.close();
          }, timeoutMs);
          channel.write(`${text}\nprintf '\\n@@tandem-done:%s:%d\\n' ${id} $?\n`);
        });

      resolve({
        isOpen: () => open,
        close: () => {
          open = false;
          channel.close();
        },
        define: send,
        run: (body, timeoutMs) => send(`(\n${body}\n) </dev/null 2>&1`, timeoutMs),
      });
    });
  });
