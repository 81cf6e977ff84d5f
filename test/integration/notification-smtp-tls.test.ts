import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as channelRoute from '@/app/api/notifications/channels/[name]/route';
import * as testRoute from '@/app/api/notifications/channels/[name]/test/route';
import * as channelsRoute from '@/app/api/notifications/channels/route';
import { authHeaders } from '../support/api';
import { startSmtpReceiver } from '../support/notification-receivers';

// The two encrypted SMTP modes against a real relay (smtp-server) whose
// certificate a private CA made for this test signed, as an internal mail
// relay's would be: a channel that trusts that CA sends over TLS; without it
// the relay is refused; plain SMTP cannot log in where STARTTLS is required.
const PASSWORD = 'smtp-tls-planted-password-8812';
const LOGIN = { user: 'tandem', password: PASSWORD };

type TRelay = Awaited<ReturnType<typeof startSmtpReceiver>>;
let dir = '';
let caPem = '';
let implicitTls: TRelay;
let startTls: TRelay;

// A CA, and a certificate it signs for 127.0.0.1, made with openssl.
const makeCertificates = (into: string) => {
  const file = (name: string) => path.join(into, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  execFileSync('openssl', ['req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=Tandem test private CA'], { stdio: 'pipe' });
  execFileSync('openssl', ['req', ...ec, '-keyout', file('relay.key'), '-out', file('relay.csr'), '-subj', '/CN=mail relay'], { stdio: 'pipe' });
  writeFileSync(file('relay.ext'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  execFileSync('openssl', ['x509', '-req', '-in', file('relay.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-set_serial', '1', '-days', '2', '-extfile', file('relay.ext'), '-out', file('relay.pem')], { stdio: 'pipe' });
  return { ca: readFileSync(file('ca.pem'), 'utf8'), key: readFileSync(file('relay.key'), 'utf8'), cert: readFileSync(file('relay.pem'), 'utf8') };
};

type THandler = (req: Request, ctx: { params: Promise<{ name: string }> }) => Promise<Response>;
const call = async (handler: THandler | ((req: Request) => Promise<Response>), method: string, o: { json?: unknown; name?: string } = {}) => {
  const req = new Request(`http://127.0.0.1/api/notifications/channels${o.name ? `/${o.name}` : ''}`, {
    method,
    headers: { ...(o.json !== undefined && { 'content-type': 'application/json' }), ...(await authHeaders('admin')) },
    body: o.json !== undefined ? JSON.stringify(o.json) : undefined,
  });
  const res = await handler(req, { params: Promise.resolve({ name: o.name ?? '' }) });
  const text = await res.text();
  expect(text).not.toContain(PASSWORD);
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
};
const sendTest = async (name: string) => (await call(testRoute.POST, 'POST', { name })).body?.test as { ok: boolean; detail: string };

const mailChannel = (name: string, relay: TRelay, tls: string, extra: Record<string, unknown> = {}) => ({ name, type: 'smtp', host: '127.0.0.1', port: relay.port, tls, ...LOGIN, from: 'tandem@corp.internal', to: ['dba@corp.internal'], ...extra });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tandem-smtp-tls-'));
  const pki = makeCertificates(dir);
  caPem = pki.ca;
  implicitTls = await startSmtpReceiver(LOGIN, { tls: { mode: 'tls', key: pki.key, cert: pki.cert } });
  startTls = await startSmtpReceiver(LOGIN, { tls: { mode: 'starttls', key: pki.key, cert: pki.cert } });
});
afterAll(async () => {
  await implicitTls.close();
  await startTls.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SMTP over TLS', () => {
  it('tls (implicit TLS): a channel that trusts the private CA sends its test message encrypted from the first byte', async () => {
    const created = await call(channelsRoute.POST, 'POST', { json: mailChannel('relay-tls', implicitTls, 'tls', { caCertificate: caPem }) });
    expect(created.status).toBe(201);
    // The CA is public: shown with the other settings, as stored.
    expect((created.body?.channel as { config: Record<string, unknown> }).config).toMatchObject({ tls: 'tls', caCertificate: caPem.trim() });
    const test = await sendTest('relay-tls');
    expect(test).toMatchObject({ ok: true, detail: expect.stringMatching(/^SMTP 250/) });
    expect(implicitTls.mails).toHaveLength(1);
    expect(implicitTls.mails[0]).toMatchObject({ secure: true, from: 'tandem@corp.internal', to: ['dba@corp.internal'], subject: expect.stringContaining('test message') });
    expect(implicitTls.logins).toEqual(['tandem']);
  });

  it('starttls: a channel that trusts the private CA upgrades the session before it logs in and sends', async () => {
    expect((await call(channelsRoute.POST, 'POST', { json: mailChannel('relay-starttls', startTls, 'starttls', { caCertificate: caPem }) })).status).toBe(201);
    const test = await sendTest('relay-starttls');
    expect(test).toMatchObject({ ok: true, detail: expect.stringMatching(/^SMTP 250/) });
    expect(startTls.mails).toHaveLength(1);
    expect(startTls.mails[0]).toMatchObject({ secure: true, subject: expect.stringContaining('test message') });
  });

  it('refuses the relay without the CA, and a plain session where STARTTLS is required; nothing is sent', async () => {
    // Without the CA the system's trust store decides, and it does not know this one.
    expect((await call(channelRoute.PATCH, 'PATCH', { name: 'relay-tls', json: { caCertificate: null } })).status).toBe(200);
    const untrusted = await sendTest('relay-tls');
    expect(untrusted.ok).toBe(false);
    expect(untrusted.detail).toMatch(/unable to verify the first certificate|unable to get local issuer certificate/);
    // Plain SMTP against a relay that requires STARTTLS: the login is refused.
    expect((await call(channelRoute.PATCH, 'PATCH', { name: 'relay-starttls', json: { tls: 'none' } })).status).toBe(200);
    const plain = await sendTest('relay-starttls');
    expect(plain).toMatchObject({ ok: false, detail: expect.stringMatching(/STARTTLS/) });
    expect([implicitTls.mails.length, startTls.mails.length]).toEqual([1, 1]);
  });

  it('refuses a CA certificate that is not a PEM certificate, or not a certificate, and on a channel that is not SMTP', async () => {
    const notPem = await call(channelsRoute.POST, 'POST', { json: mailChannel('bad-ca', startTls, 'starttls', { caCertificate: 'trust me' }) });
    expect(notPem.status).toBe(400);
    expect(notPem.body?.fields).toMatchObject({ caCertificate: expect.stringContaining('PEM') });
    const notX509 = await call(channelsRoute.POST, 'POST', { json: mailChannel('bad-ca', startTls, 'starttls', { caCertificate: '-----BEGIN CERTIFICATE-----\nTUlJQm5vdCBhIGNlcnQ=\n-----END CERTIFICATE-----' }) });
    expect(notX509.status).toBe(400);
    expect(notX509.body?.fields).toEqual({ caCertificate: 'holds a block that is not an X.509 certificate' });
    expect((await call(channelRoute.GET, 'GET', { name: 'bad-ca' })).status).toBe(404);
    expect((await call(channelsRoute.POST, 'POST', { json: { name: 'hook', type: 'webhook', url: 'https://hooks.example.com/t', secret: 'sixteen-chars-or-more' } })).status).toBe(201);
    const wrongType = await call(channelRoute.PATCH, 'PATCH', { name: 'hook', json: { caCertificate: caPem } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body?.fields).toEqual({ caCertificate: 'does not apply to a webhook channel' });
  });
});
