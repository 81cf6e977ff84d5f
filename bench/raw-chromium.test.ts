import { existsSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { launchRawChromium, type TRawChromium } from './raw-chromium';

// The bench's new tab "as a person opens one" must be the signed-in user's
// tab (the session cookie reaches the server) and must leave nothing behind.
// Any process left in Chromium's group (the browser, its zygote, renderers).
const groupAlive = (pid: number | undefined) => {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('raw Chromium (bench)', () => {
  let chromium: TRawChromium | undefined;
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    requests.push(req.headers);
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>fleet</title><article>one</article><article>two</article>');
  });

  afterEach(async () => {
    await chromium?.close();
    chromium = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('opens a tab that carries the session cookie, reads it, and leaves none of its processes nor its profile behind', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    chromium = await launchRawChromium();
    await chromium.setCookies([{ name: 'tandem_session', value: 'abc123', domain: '127.0.0.1', path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' }]);
    const { targetId, sessionId } = await chromium.openTab(`http://127.0.0.1:${port}/`);
    let count: unknown = null;
    for (let i = 0; i < 200 && count !== 2; i += 1) {
      count = await chromium.evaluate(sessionId, `document.querySelectorAll('article').length`);
      if (count !== 2) await new Promise((r) => setTimeout(r, 25));
    }
    expect(count).toBe(2);
    expect(await chromium.evaluate(sessionId, 'document.title')).toBe('fleet');
    const documentRequest = requests.find((h) => h.accept?.includes('text/html'));
    expect(documentRequest?.cookie).toBe('tandem_session=abc123');
    await chromium.closeTab(targetId);

    const { pid, profile } = chromium;
    // Chromium keeps its singleton socket in a directory of its own in /tmp,
    // linked from the profile; Chromium removes it only when it shuts down
    // cleanly, close otherwise.
    const socketDir = path.dirname(readlinkSync(path.join(profile, 'SingletonSocket')));
    expect(existsSync(socketDir)).toBe(true);
    await chromium.close();
    chromium = undefined;
    expect(groupAlive(pid)).toBe(false);
    expect(existsSync(profile)).toBe(false);
    expect(existsSync(socketDir)).toBe(false);
  });

  it('answers null, not an error, for an expression the tab cannot evaluate', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    chromium = await launchRawChromium();
    const { sessionId } = await chromium.openTab(`http://127.0.0.1:${port}/`);
    expect(await chromium.evaluate(sessionId, 'throw new Error("no")')).toBeNull();
  });
});
