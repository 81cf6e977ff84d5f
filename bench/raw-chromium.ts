// Debian's Chromium driven over the DevTools protocol directly (a pipe, no
// Playwright), for timing a tab the way a person opens one. Playwright
// attaches to every new tab before it may run (waitForDebuggerOnStart) and
// has it report its network, runtime and page events as they happen; on 2
// cores shared with a busy server its new tabs got their document seconds
// later than tabs opened here (README, "The overview at fleet size"). A tab
// created here runs unpaused with no event domain enabled: the bench only
// asks it a question now and then.
import { spawn } from 'node:child_process';
import { mkdtempSync, readlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { sleep } from '../lab/sys';
import { CHROMIUM } from './browser';

// A reply has the id of its command; an event has none.
const ZIncoming = z.object({ id: z.number().optional(), result: z.record(z.string(), z.unknown()).optional(), error: z.object({ message: z.string() }).optional() });
const ZCreated = z.object({ targetId: z.string() });
const ZAttached = z.object({ sessionId: z.string() });
const ZEvaluated = z.object({ result: z.object({ value: z.unknown().optional() }), exceptionDetails: z.unknown().optional() });

export type TCookie = { name: string; value: string; domain: string; path: string; expires: number; httpOnly: boolean; secure: boolean; sameSite: 'Strict' | 'Lax' | 'None' };

const REPLY_TIMEOUT_MS = 30_000;

// Chromium answered the command with an error (e.g. no document to evaluate
// in while the tab is between two); a timeout or Chromium's exit is not one.
class ChromiumRefused extends Error {}

// Where Chromium keeps its singleton socket: a directory of its own in the
// temporary directory, linked from the profile (null if not there).
const singletonSocketDir = (profile: string): string | null => {
  try {
    const dir = path.dirname(readlinkSync(path.join(profile, 'SingletonSocket')));
    return path.dirname(dir) === tmpdir() && path.basename(dir).startsWith('org.chromium.Chromium.') ? dir : null;
  } catch {
    return null;
  }
};

export const launchRawChromium = async () => {
  const profile = mkdtempSync(path.join(tmpdir(), 'tandem-bench-chromium-'));
  // --remote-debugging-pipe: commands in on fd 3, replies out on fd 4, each
  // message ended by a NUL byte.
  // In its own process group, so that close can end its helpers too. Should
  // the bench die without closing it, Chromium exits when the pipe closes.
  const child = spawn(CHROMIUM.executablePath, [...CHROMIUM.args, `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], detached: true });
  const [, , , toChromium, fromChromium] = child.stdio as [null, null, null, Writable, Readable];
  const pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  let nextId = 0;
  let buffered = '';
  fromChromium.setEncoding('utf8');
  fromChromium.on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const text = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      const reply = ZIncoming.parse(JSON.parse(text));
      // Events are not asked for; none is expected.
      const waiter = reply.id === undefined ? undefined : pending.get(reply.id);
      if (!waiter || reply.id === undefined) continue;
      pending.delete(reply.id);
      clearTimeout(waiter.timer);
      if (reply.error) waiter.reject(new ChromiumRefused(reply.error.message));
      else waiter.resolve(reply.result ?? {});
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const [, w] of pending) w.reject(new Error('Chromium exited'));
    pending.clear();
  });

  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method}: no reply from Chromium within ${REPLY_TIMEOUT_MS / 1000} s`));
      }, REPLY_TIMEOUT_MS);
      pending.set(id, { resolve, reject, timer });
      toChromium.write(`${JSON.stringify({ id, method, params, ...(sessionId && { sessionId }) })}\0`);
    });

  // The browser answers once it is up.
  await send('Browser.getVersion');

  // An expression that threw comes back as a reply with exceptionDetails, not an error.
  const evaluate = async (sessionId: string, expression: string): Promise<unknown> => {
    const evaluated = ZEvaluated.parse(await send('Runtime.evaluate', { expression, returnByValue: true }, sessionId));
    return evaluated.exceptionDetails === undefined ? evaluated.result.value : null;
  };

  return {
    pid: child.pid,
    profile,
    // A session cookie has no expiry in the protocol (Playwright says -1).
    setCookies: (cookies: TCookie[]) =>
      send('Storage.setCookies', { cookies: cookies.map(({ name, value, domain, path: p, expires, httpOnly, secure, sameSite }) => ({ name, value, domain, path: p, httpOnly, secure, sameSite, ...(expires > 0 && { expires }) })) }),
    // Opens URL in a new tab; returns its id and a session that can ask it
    // questions (attaching a session does not pause the tab).
    openTab: async (url: string) => {
      const { targetId } = ZCreated.parse(await send('Target.createTarget', { url }));
      const { sessionId } = ZAttached.parse(await send('Target.attachToTarget', { targetId, flatten: true }));
      return { targetId, sessionId };
    },
    // The expression's value in the tab's current document; null while the
    // tab is between documents (no context to evaluate in) or if it threw.
    evaluate: (sessionId: string, expression: string) =>
      evaluate(sessionId, expression).catch((e: unknown) => {
        if (e instanceof ChromiumRefused) return null;
        throw e;
      }),
    closeTab: (targetId: string) => send('Target.closeTarget', { targetId }),
    close: async () => {
      // Chromium replies before it has shut down: killed then, it leaves its
      // singleton socket's directory in /tmp (org.chromium.Chromium.*), so
      // the exit itself is waited for; if it must be killed, that directory
      // goes with the profile.
      const socketDir = singletonSocketDir(profile);
      const gone = Promise.all([send('Browser.close').catch(() => undefined), exited]);
      await Promise.race([gone, sleep(5000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      // Its helpers (zygote, renderers, crash handler) can outlive the browser
      // and keep writing to the profile: the whole group goes, and is waited
      // for until reaped (a killed helper stays in the group until then).
      const group = child.pid;
      // false once no process of the group is left (kill throws ESRCH).
      const signalGroup = (signal: NodeJS.Signals | 0) => {
        try {
          return group !== undefined && process.kill(-group, signal);
        } catch {
          return false;
        }
      };
      signalGroup('SIGKILL');
      for (const deadline = Date.now() + 5000; signalGroup(0) && Date.now() < deadline; ) await sleep(50);
      // A profile left in the temporary directory does not fail the bench
      // (rm's retries back off linearly: 5 at 100 ms wait 1.5 s at most).
      for (const leftover of [profile, socketDir]) {
        if (leftover) await rm(leftover, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch((e: unknown) => console.error(`raw Chromium: ${leftover} not removed (${e instanceof Error ? e.message : String(e)})`));
      }
    },
  };
};

export type TRawChromium = Awaited<ReturnType<typeof launchRawChromium>>;
