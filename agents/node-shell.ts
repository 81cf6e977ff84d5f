import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { Client } from 'ssh2';

// A long-lived `sh` on its own channel of the node's SSH connection. Opening
// an exec channel makes sshd start a fresh session each time (≈100–250 ms in
// the lab); a shell kept open answers a script in a few milliseconds. Each
// request runs in a subshell with stdin from /dev/null, then the shell prints
// a marker line carrying a random id and the exit status on stdout, and the
// same id on stderr, so both streams are known to be complete.
export type TShellResult = { stdout: string; stderr: string; code: number | null };

export type TNodeShell = {
  run: (body: string, timeoutMs: number) => Promise<TShellResult>;
  // Runs in the shell itself (not a subshell): for defining functions once.
  define: (text: string, timeoutMs: number) => Promise<TShellResult>;
  isOpen: () => boolean;
  close: () => void;
};

// What the protocol needs of a channel: an ssh2 ClientChannel, or (in the
// unit tests) a local `sh` child process adapted to the same shape.
export type TShellChannel = {
  write: (text: string) => void;
  onData: (cb: (chunk: Buffer) => void) => void;
  onStderr: (cb: (chunk: Buffer) => void) => void;
  onClose: (cb: (e?: Error) => void) => void;
  close: () => void;
};

// A reply larger than this is refused: a runaway command must not exhaust
// the control plane's memory.
export const MAX_REPLY_BYTES = 16 * 1024 * 1024;

type TPending = { id: string; outMarker: string; errMarker: string; resolve: (r: TShellResult) => void; reject: (e: Error) => void; timer?: NodeJS.Timeout };

// A marker can straddle two chunks: search from a little before the new one.
const MARKER_SPAN = 64;

const OPEN_TIMEOUT_MS = 5000;

export const attachShell = (channel: TShellChannel): TNodeShell => {
  let open = true;
  let out = '';
  let err = '';
  let pending: TPending | undefined;
  let outDone: { stdout: string; code: number } | undefined;
  let errDone: string | undefined;
  // A character's UTF-8 bytes can straddle two SSH packets: decoded per chunk,
  // each half became U+FFFD, which the parsers rightly take for binary.
  const outText = new StringDecoder('utf8');
  const errText = new StringDecoder('utf8');

  const fail = (e: Error) => {
    open = false;
    const p = pending;
    pending = undefined;
    if (p) {
      clearTimeout(p.timer);
      p.reject(e);
    }
  };

  const settle = () => {
    const p = pending;
    if (!p || !outDone || errDone === undefined) return;
    pending = undefined;
    clearTimeout(p.timer);
    p.resolve({ stdout: outDone.stdout, stderr: errDone, code: outDone.code });
  };

  const tooLarge = () => {
    fail(new Error(`reply larger than ${MAX_REPLY_BYTES} bytes`));
    channel.close();
  };

  channel.onData((chunk) => {
    const from = Math.max(0, out.length - MARKER_SPAN);
    out += outText.write(chunk);
    if (!pending || outDone) return;
    // "\n@@tandem-done:ID:CODE\n": the status runs to the next newline.
    const at = out.indexOf(pending.outMarker, from);
    const end = at < 0 ? -1 : out.indexOf('\n', at + pending.outMarker.length);
    if (end < 0) return out.length > MAX_REPLY_BYTES ? tooLarge() : undefined;
    const code = out.slice(at + pending.outMarker.length, end);
    outDone = { stdout: out.slice(0, at), code: /^\d+$/.test(code) ? Number(code) : NaN };
    out = out.slice(end + 1);
    settle();
  });
  channel.onStderr((chunk) => {
    const from = Math.max(0, err.length - MARKER_SPAN);
    err += errText.write(chunk);
    if (!pending || errDone !== undefined) return;
    const at = err.indexOf(pending.errMarker, from);
    if (at < 0) return err.length > MAX_REPLY_BYTES ? tooLarge() : undefined;
    errDone = err.slice(0, at);
    err = err.slice(at + pending.errMarker.length);
    settle();
  });
  channel.onClose((e) => fail(e ?? new Error('shell channel closed')));

  const send = (text: string, timeoutMs: number) =>
    new Promise<TShellResult>((res, rej) => {
      if (!open) return rej(new Error('shell is closed'));
      if (pending) return rej(new Error('shell is busy'));
      const id = randomBytes(8).toString('hex');
      out = '';
      err = '';
      outDone = undefined;
      errDone = undefined;
      // Found with indexOf: a RegExp per request was compiled on every poll.
      pending = { id, outMarker: `\n@@tandem-done:${id}:`, errMarker: `\n@@tandem-done:${id}\n`, resolve: res, reject: rej };
      pending.timer = setTimeout(() => {
        fail(new Error(`no answer within ${timeoutMs} ms`));
        channel.close();
      }, timeoutMs);
      channel.write(`${text}\nprintf '\\n@@tandem-done:%s:%d\\n' ${id} $?; printf '\\n@@tandem-done:%s\\n' ${id} >&2\n`);
    });

  return {
    isOpen: () => open,
    close: () => {
      open = false;
      channel.close();
    },
    define: send,
    run: (body, timeoutMs) => send(`(\n${body}\n) </dev/null`, timeoutMs),
  };
};

export const openShell = (client: Client): Promise<TNodeShell> =>
  new Promise((resolve, reject) => {
    // A half-dead connection may never answer the channel request.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`no shell channel within ${OPEN_TIMEOUT_MS} ms`));
    }, OPEN_TIMEOUT_MS);
    client.exec('exec sh', (err, channel) => {
      clearTimeout(timer);
      if (err) return reject(err);
      if (timedOut) return void channel.close();
      resolve(
        attachShell({
          write: (text) => void channel.write(text),
          onData: (cb) => void channel.on('data', cb),
          onStderr: (cb) => void channel.stderr.on('data', cb),
          onClose: (cb) => {
            channel.on('close', () => cb());
            channel.on('error', (e: Error) => cb(e));
          },
          close: () => void channel.close(),
        }),
      );
    });
  });
