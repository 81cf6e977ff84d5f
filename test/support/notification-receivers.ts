import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { verifyWebhook } from '@/lib/notifications/sign-webhook';

// Real receivers on loopback, as the tests' far ends: an HTTP server that
// checks Tandem's signature the way the docs tell a receiver to, and an SMTP
// server that requires a login and parses what it receives.
export type THttpDelivery = { path: string; headers: IncomingHttpHeaders; body: string; json: unknown; signatureValid: boolean | null; at: number };

export const startHttpReceiver = async (options: { secret?: string } = {}) => {
  const received: THttpDelivery[] = [];
  // Requests read in full but never answered (status 'hold'): what a
  // receiver sees of a sender that dies before the answer comes.
  const held: THttpDelivery[] = [];
  let status: number | 'hold' = 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (n: string) => {
        const v = req.headers[n];
        return typeof v === 'string' ? v : null;
      };
      const signatureValid = options.secret ? verifyWebhook(options.secret, { signature: header('x-tandem-signature'), timestamp: header('x-tandem-timestamp') }, body) : null;
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      const delivery = { path: req.url ?? '', headers: req.headers, body, json, signatureValid, at: Date.now() };
      if (status === 'hold') {
        held.push(delivery);
        return;
      }
      if (status >= 200 && status < 300) received.push(delivery);
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 200 ? 'ok' : 'receiver is down for the test');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    held,
    // A receiver that answers 503 (a deploy, an outage), or holds every
    // request unanswered, until set back to 200.
    setStatus: (s: number | 'hold') => {
      status = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Held requests would keep close() waiting for ever.
        server.closeAllConnections();
      }),
  };
};

// secure: whether the session was encrypted when the mail came.
export type TMail = { from: string; to: string[]; subject: string; text: string; headers: Map<string, unknown>; secure: boolean; at: number };

// tls: 'tls' encrypts from the first byte (port 465 style); 'starttls'
// offers STARTTLS and refuses a login before it, so no mail is taken in
// clear. Without it, plain SMTP only.
export type TSmtpTls = { mode: 'tls' | 'starttls'; key: string; cert: string };

export const startSmtpReceiver = async (login: { user: string; password: string }, options: { tls?: TSmtpTls } = {}) => {
  const mails: TMail[] = [];
  const logins: string[] = [];
  const { tls } = options;
  const server = new SMTPServer({
    ...(tls ? { secure: tls.mode === 'tls', key: tls.key, cert: tls.cert, allowInsecureAuth: false } : { secure: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true }),
    authOptional: false,
    logger: false,
    onAuth(auth, _session, cb) {
      logins.push(auth.username ?? '');
      if (auth.username === login.user && auth.password === login.password) cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((m) => {
          const to = Array.isArray(m.to) ? m.to.flatMap((a) => a.value) : (m.to?.value ?? []);
          mails.push({ from: m.from?.value[0]?.address ?? '', to: to.map((a) => a.address ?? ''), subject: m.subject ?? '', text: m.text ?? '', headers: m.headers, secure: session.secure, at: Date.now() });
          cb();
        })
        .catch((e: unknown) => cb(e instanceof Error ? e : new Error(String(e))));
    },
  });
  // A client that refuses the certificate closes mid-handshake: the server
  // reports it as an error, which unheard would crash the test process.
  const errors: string[] = [];
  server.on('error', (e) => errors.push(e.message));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, logins, errors, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};
