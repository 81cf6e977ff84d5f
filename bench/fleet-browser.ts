// The overview at fleet size, in Debian's Chromium (Playwright), against the
// fleet simulator: 500 clusters (1,000 simulated nodes) watched by Tandem's
// production server at 1 poll/s with VIP moves and lag spikes churning.
// - First render: from navigation to every cluster's card in the page (cards
//   below the fold are not painted until scrolled to), median of RUNS, warm
//   HTTP cache; the same-run baseline is the audit page (server-rendered,
//   nothing live), measured the same way. Three more series: the same pages
//   in one open tab; in new tabs opened without Playwright, as a person opens
//   one (bench/raw-chromium.ts: on these shared cores Playwright's new tabs
//   took seconds longer); and in Playwright's new tabs with
//   Tandem and the simulator at nice 10. Each navigation's own Navigation
//   Timing (first byte, document end) is kept. The
//   server's share apart: both documents fetched over plain HTTP, no
//   browser, right after.
// - Filter and sort: from the input event to the next frame painted after
//   the list changed (measured in the page: performance.now() around the
//   event, a MutationObserver, then two animation frames).
// - Keeping up: the page's JS heap after a forced GC at the start and after
//   HOLD seconds of pushes, the WebSocket bytes and messages it received per
//   second, and how long a VIP move took to reach the card on the overview.
//   npm run bench:fleet-browser -- [--clusters 500] [--runs 5] [--hold 60]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { z } from 'zod';
import { CHROMIUM, signIn } from './browser';
import { launchRawChromium, type TRawChromium } from './raw-chromium';
import { waitFor } from '../lab/sys';
import { createFleetInventory } from './fleet/inventory';
import { startFleet, type TFleet } from './fleet/simulator';
import { processTree, renice } from './fleet/proc';
import { startTandem, type TTandem } from './fleet/tandem-process';
import { median, round } from './stats';
import { benchWorkDir } from './work-dir';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '500' },
    runs: { type: 'string', default: '5' },
    hold: { type: 'string', default: '60' },
    moves: { type: 'string', default: '8' },
    port: { type: 'string', default: '3158' },
    base: { type: 'string', default: '127.1.0.0' },
    out: { type: 'string', default: 'bench/results/fleet-browser.json' },
  },
});
const o = z
  .object({ clusters: z.coerce.number().int().min(1), runs: z.coerce.number().int().min(1), hold: z.coerce.number().min(5), moves: z.coerce.number().int().min(0), port: z.coerce.number().int(), base: z.string(), out: z.string() })
  .parse(values);

const ADMIN = { name: 'bench', password: `bench-${Date.now()}-pw` };
const started = new Date().toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


// Every cluster's card in the page. Its summary came with the page: every
// cluster was observed before the first navigation.
const overviewRendered = (page: Page, clusters: number) =>
  page.waitForFunction((n) => {
    const cards = document.querySelectorAll('article');
    return cards.length === n;
  }, clusters, { polling: 'raf', timeout: 30_000 });

// Where a navigation's time went as the page itself saw it (Navigation
// Timing, ms from its start): the request sent, the first and last byte of
// the document, the DOM parsed; null until the document has ended. Run in
// the page, through Playwright or raw Chromium alike, so self-contained.
const navTimingInPage = () => {
  const [n] = performance.getEntriesByType('navigation');
  return n instanceof PerformanceNavigationTiming && n.responseEnd > 0
    ? { origin: performance.timeOrigin, requestStart: n.requestStart, responseStart: n.responseStart, responseEnd: n.responseEnd, domInteractive: n.domInteractive }
    : null;
};
const ZNavTiming = z.object({ origin: z.number(), requestStart: z.number(), responseStart: z.number(), responseEnd: z.number(), domInteractive: z.number() });
type TNavTiming = Omit<z.infer<typeof ZNavTiming>, 'origin'>;
const navTimings: { pathName: string; series: string; timing: TNavTiming }[] = [];

const commits: { pathName: string; commitMs: number; ms: number }[] = [];
// In a new tab, or in `reuse`, an open tab.
const timeNavigation = async (ctx: BrowserContext, pathName: string, rendered: (p: Page) => Promise<unknown>, o: { series?: string; reuse?: Page } = {}) => {
  const page = o.reuse ?? (await ctx.newPage());
  const t0 = performance.now();
  await page.goto(pathName, { waitUntil: 'commit' });
  const commitMs = performance.now() - t0;
  await rendered(page);
  const ms = performance.now() - t0;
  // The cards are in before the streamed document has ended: the next
  // navigation waits for its end, or its request queues behind the rest of
  // this render and is timed with it (seen in session 18: 1.5 s first bytes
  // in the open tab against tens of ms for the same request alone).
  const ended = await page.waitForFunction(navTimingInPage, undefined, { timeout: 30_000 });
  const { origin, ...timing } = ZNavTiming.parse(await ended.jsonValue());
  navTimings.push({ pathName, series: o.series ?? 'new tab', timing });
  if (!o.reuse) await page.close();
  commits.push({ pathName, commitMs, ms });
  return ms;
};

// A new tab as a person opens one (bench/raw-chromium.ts: no automation
// attached to it before it runs, no events reported): from the request for
// the tab to RENDERED being true in it, asked every 20 ms from outside; then,
// as above, the document's end before the next navigation. Timed from before
// the tab exists, so its creation counts too; startMs is from that request
// to the navigation's start.
const timeRawTab = async (raw: TRawChromium, url: string, pathName: string, rendered: string) => {
  const t0 = Date.now();
  const { targetId, sessionId } = await raw.openTab(url + pathName);
  await waitFor(`${pathName} rendered in a new tab`, async () => (await raw.evaluate(sessionId, rendered)) === true, 30_000, 20);
  const ms = Date.now() - t0;
  let ended: unknown = null;
  await waitFor(`${pathName}'s document to end`, async () => (ended = await raw.evaluate(sessionId, `(${navTimingInPage.toString()})()`)) !== null, 60_000, 50);
  const { origin, ...timing } = ZNavTiming.parse(ended);
  await raw.closeTab(targetId);
  return { ms, timing, startMs: origin - t0 };
};

// In the page: change a control, then time until the list has changed and
// two frames were painted after it.
// A filter's answer is a change in how many cards are shown; a sort's, in
// their order. A live push reorders the list too (sorted by status or lag),
// so a filter that hides nothing must not be timed until the next push.
const timeInteraction = (page: Page, control: { label: string; value: string; answer: 'count' | 'order' }) =>
  page.evaluate(async ({ label, value, answer }) => {
    const el = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(label))?.querySelector('input, select');
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement)) throw new Error(`no control ${label}`);
    const grid = document.querySelector('article')?.parentElement?.parentElement;
    if (!grid) throw new Error('no card grid');
    const shape = () => {
      const shown = [...grid.children].filter((c) => !(c instanceof HTMLElement && c.hidden));
      return answer === 'count' ? `${shown.length}` : `${shown.length}:${shown.slice(0, 12).map((c) => c.querySelector('article')?.getAttribute('aria-labelledby')).join(',')}`;
    };
    const before = shape();
    const changed = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        mo.disconnect();
        resolve(false);
      }, 5000);
      const mo = new MutationObserver(() => {
        if (shape() === before) return;
        clearTimeout(timer);
        mo.disconnect();
        resolve(true);
      });
      mo.observe(grid, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
    });
    const proto = el instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLSelectElement.prototype;
    const t0 = performance.now();
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLInputElement ? 'input' : 'change', { bubbles: true }));
    const ok = await changed;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { ms: ok ? performance.now() - t0 : Number.NaN };
  }, control);

const heapMB = async (page: Page): Promise<number> => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1024 / 1024;
};

const dir = benchWorkDir('fleet-browser');
let fleet: TFleet | undefined;
let tandem: TTandem | undefined;
let browser: Browser | undefined;
let raw: TRawChromium | undefined;
try {
  fleet = await startFleet({ nodes: o.clusters * 2, workers: 2, base: o.base, port: 2222 });
  const dataDir = path.join(dir, 'data');
  process.env.TANDEM_DATA_DIR = dataDir;
  process.env.DATABASE_URL = '';
  const { getDb, closeDatabase } = await import('../lib/db/client');
  const { createToken } = await import('../lib/tokens/create-token');
  const { createUser } = await import('../lib/users/create-user');
  const db = await getDb();
  await createFleetInventory({ db, pairs: fleet.pairs, sshPort: fleet.port, privateKey: fleet.clientPrivateKey });
  await createUser({ db, name: ADMIN.name, role: 'admin', password: ADMIN.password });
  const { token } = await createToken({ db, name: 'bench-browser', role: 'viewer', createdBy: 'bench' });
  await closeDatabase();
  tandem = await startTandem({ dataDir, port: o.port, logFile: path.join(dir, 'tandem.log') });
  const deadline = Date.now() + 240_000;
  for (;;) {
    const ones = [...(await tandem.scrape(token)).vipHolders.values()].filter((v) => v === 1).length;
    if (ones === o.clusters) break;
    if (Date.now() > deadline) throw new Error(`only ${ones} of ${o.clusters} clusters observed after 240 s`);
    await sleep(2000);
  }
  await fleet.churn({ movesPerMinute: 6, lagSpikesPerMinute: 12 });
  console.error(`fleet-browser: ${o.clusters} clusters observed; churn 6 VIP moves and 12 lag spikes a minute`);

  browser = await chromium.launch(CHROMIUM);
  const ctx = await signIn(browser, { baseURL: tandem.url, ...ADMIN, viewport: { width: 1400, height: 900 } });
  // Warm the HTTP cache once for each page.
  await timeNavigation(ctx, '/', (p) => overviewRendered(p, o.clusters));
  await timeNavigation(ctx, '/audit', (p) => p.getByRole('heading', { name: 'Audit log' }).waitFor());
  navTimings.length = 0;
  // One series: the overview and the audit page, RUNS times each, in new
  // tabs or in one open tab reached from the other page.
  const series = async (name: string, tab?: Page) => {
    const pages = { overview: [] as number[], audit: [] as number[] };
    for (let i = 0; i < o.runs; i += 1) {
      pages.overview.push(await timeNavigation(ctx, '/', (p) => overviewRendered(p, o.clusters), { series: name, reuse: tab }));
      pages.audit.push(await timeNavigation(ctx, '/audit', (p) => p.getByRole('heading', { name: 'Audit log' }).waitFor(), { series: name, reuse: tab }));
    }
    return pages;
  };
  const { overview, audit } = await series('new tab');
  const sharedCommits = commits.length;
  // The same in one open tab: no new tab (and renderer) per navigation, as
  // when a person reloads or follows a link.
  const tab = await ctx.newPage();
  await tab.goto('/audit');
  const { overview: sameTab, audit: auditSameTab } = await series('same tab', tab);
  await tab.close();
  console.error(`  first render, same tab: overview ${round(median(sameTab))} ms, audit page ${round(median(auditSameTab))} ms`);
  // New tabs again, opened as a person opens them: the same Chromium binary
  // and flags, the same session cookie, no automation in the tab.
  raw = await launchRawChromium();
  await raw.setCookies(await ctx.cookies());
  const rawOverview: number[] = [];
  const rawAudit: number[] = [];
  const rawTabStarts: number[] = [];
  const rawPages = [
    { pathName: '/', done: `document.querySelectorAll('article').length === ${o.clusters}`, times: rawOverview },
    { pathName: '/audit', done: `[...document.querySelectorAll('h1')].some((h) => h.textContent.trim() === 'Audit log')`, times: rawAudit },
  ];
  // Its HTTP cache warmed as the other browser's was.
  for (const p of rawPages) await timeRawTab(raw, tandem.url, p.pathName, p.done);
  for (let i = 0; i < o.runs; i += 1) {
    for (const p of rawPages) {
      const { ms, timing, startMs } = await timeRawTab(raw, tandem.url, p.pathName, p.done);
      p.times.push(ms);
      rawTabStarts.push(startMs);
      navTimings.push({ pathName: p.pathName, series: 'new tab, no automation', timing });
    }
  }
  await raw.close();
  raw = undefined;
  console.error(`  first render, new tab without automation: overview ${round(median(rawOverview))} ms, audit page ${round(median(rawAudit))} ms (tab request → navigation start ${round(median(rawTabStarts))} ms)`);
  // New tabs again with Tandem and the simulator at nice 10: Chromium gets
  // the CPU first whenever it wants it, as a browser on its own machine
  // would, while the server it talks to still runs on these 2 cores beside
  // the fleet.
  const fleetPids = () => [...processTree(tandem?.pid ?? 0), ...(fleet?.workerPids() ?? [])];
  renice(fleetPids(), 10);
  const { overview: browserFirst, audit: auditBrowserFirst } = await series('nice').finally(() => renice(fleetPids(), 0));
  const commitOf = (p: string) => round(median(commits.slice(0, sharedCommits).filter((c) => c.pathName === p).map((c) => c.commitMs)));
  console.error(`  first render, Chromium first (Tandem and the simulator at nice 10): overview ${round(median(browserFirst))} ms, audit page ${round(median(auditBrowserFirst))} ms`);
  console.error(`  first render: overview ${round(median(overview))} ms (first byte ${commitOf('/')} ms), audit page (baseline) ${round(median(audit))} ms (first byte ${commitOf('/audit')} ms)`);
  // The server's share, from outside without a browser: the same documents
  // with the same session cookie over plain HTTP, under the same fleet. On
  // these 2 cores Chromium competes with Tandem for the CPU (README).
  const baseURL = tandem.url;
  const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const documentTimes = async (pathName: string) => {
    const firstByte: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < o.runs * 2; i += 1) {
      const t0 = performance.now();
      const res = await fetch(`${baseURL}${pathName}`, { headers: { cookie, accept: 'text/html', 'accept-encoding': 'gzip' } });
      firstByte.push(performance.now() - t0);
      await res.arrayBuffer();
      whole.push(performance.now() - t0);
      if (!res.ok) throw new Error(`${pathName}: HTTP ${res.status}`);
      await sleep(300);
    }
    return { firstByteMs: round(median(firstByte)), documentMs: round(median(whole)), maxDocumentMs: round(Math.max(...whole)) };
  };
  const serverSide = { overview: await documentTimes('/'), audit: await documentTimes('/audit') };
  console.error(`  the server alone (plain HTTP): overview ${JSON.stringify(serverSide.overview)}, audit page ${JSON.stringify(serverSide.audit)}`);

  const page = await ctx.newPage();
  // tsx names the page functions' inner closures with a helper the page lacks.
  await page.addInitScript('window.__name = (f) => f;');
  let wsBytes = 0;
  let wsMessages = 0;
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) => {
      wsMessages += 1;
      wsBytes += typeof f.payload === 'string' ? Buffer.byteLength(f.payload) : f.payload.length;
    }),
  );
  await page.goto('/');
  await overviewRendered(page, o.clusters);
  await page.getByRole('status', { name: 'Fleet summary' }).waitFor();
  await sleep(3000);

  const interactions: Record<string, number[]> = { 'filter by name': [], 'status filter': [], 'sort by name': [], 'sort by lag': [], 'sort by status': [], 'clear filters': [] };
  for (let i = 0; i < o.runs; i += 1) {
    // After a filter that hid nothing (a small fleet), the clear reads unchanged too.
    interactions['filter by name']?.push((await timeInteraction(page, { label: 'Filter by name', value: `fleet-0${i % 5}`, answer: 'count' })).ms);
    interactions['clear filters']?.push((await timeInteraction(page, { label: 'Filter by name', value: '', answer: 'count' })).ms);
    interactions['status filter']?.push((await timeInteraction(page, { label: 'Status', value: 'healthy', answer: 'count' })).ms);
    await timeInteraction(page, { label: 'Status', value: '', answer: 'count' });
    interactions['sort by name']?.push((await timeInteraction(page, { label: 'Sort by', value: 'name', answer: 'order' })).ms);
    interactions['sort by lag']?.push((await timeInteraction(page, { label: 'Sort by', value: 'lag', answer: 'order' })).ms);
    interactions['sort by status']?.push((await timeInteraction(page, { label: 'Sort by', value: 'status', answer: 'order' })).ms);
  }
  // NaN: the list did not change (e.g. every cluster already healthy).
  const interactionMs = Object.fromEntries(Object.entries(interactions).map(([k, all]) => {
    const v = all.filter((x) => Number.isFinite(x));
    return [k, { medianMs: v.length ? round(median(v), 1) : null, maxMs: v.length ? round(Math.max(...v), 1) : null, unchanged: all.length - v.length }];
  }));
  console.error(`  interactions: ${JSON.stringify(interactionMs)}`);

  // A VIP move inside the busy fleet, until its card on the overview says so:
  // watched in the page by a MutationObserver installed before the move, and
  // timed at the first animation frame after the card's text changed (a card
  // out of view is not painted then, content-visibility: the time is when it
  // could be). Playwright's own waiting polls at up to 500 ms
  // intervals, which is coarser than what it would measure. The page and the
  // simulator read the same system clock.
  const moveDelays: number[] = [];
  for (let i = 0; i < o.moves; i += 1) {
    const pair = Math.floor((i * o.clusters) / Math.max(1, o.moves));
    const name = fleet.pairs[pair]?.cluster ?? '';
    const seen = await page.evaluateHandle((cluster) => {
      const article = document.getElementById(`card-${cluster}`)?.closest('article');
      if (!article) throw new Error(`no card for ${cluster}`);
      // The holder's name is the VIP line's <strong>; a move may pass through
      // "a and b" or "nobody" on its way, which is not yet the answer.
      const holder = () => article.querySelector('p strong')?.textContent ?? '';
      const before = holder();
      // Wrapped: evaluateHandle would wait for a promise returned bare.
      const done = new Promise<{ at: number; text: string }>((resolve, reject) => {
        const timer = setTimeout(() => {
          mo.disconnect();
          reject(new Error(`card ${cluster} still held by ${before} after 15 s`));
        }, 15_000);
        const mo = new MutationObserver(() => {
          const text = holder();
          if (text === before || text.includes(' and ') || text === 'nobody' || text === '—') return;
          clearTimeout(timer);
          mo.disconnect();
          requestAnimationFrame(() => resolve({ at: Date.now(), text }));
        });
        mo.observe(article, { childList: true, subtree: true, characterData: true });
      });
      return { done };
    }, name);
    const move = await fleet.moveVip(pair);
    const { at, text } = await seen.evaluate((h) => h.done);
    await seen.dispose();
    // The background churn moving the same pair meanwhile makes the sample meaningless.
    const churnedOver = fleet.churned().some((c) => c.pair === pair && c.at >= move.at - 2000);
    if (!churnedOver && text !== move.holder) throw new Error(`card ${name} said held by ${text}, expected ${move.holder}`);
    if (!churnedOver) moveDelays.push(at - move.at);
    await sleep(1500);
  }
  if (moveDelays.length) console.error(`  VIP move → overview card: median ${round(median(moveDelays))} ms, max ${Math.max(...moveDelays)} ms`);

  const heapStart = await heapMB(page);
  const [b0, m0, t0] = [wsBytes, wsMessages, Date.now()];
  await sleep(o.hold * 1000);
  const seconds = (Date.now() - t0) / 1000;
  const heapEnd = await heapMB(page);
  const stream = { bytesPerSecond: round((wsBytes - b0) / seconds), messagesPerSecond: round((wsMessages - m0) / seconds, 2) };
  console.error(`  over ${round(seconds)} s: page heap ${round(heapStart, 1)} → ${round(heapEnd, 1)} MB; stream ${stream.bytesPerSecond} B/s in ${stream.messagesPerSecond} messages/s`);

  const result = {
    benchmark: 'fleet-browser',
    started,
    ended: new Date().toISOString(),
    machine: { cores: cpus().length, note: 'Tandem (1,000 simulated nodes at 1 poll/s), the simulator and Chromium share these cores' },
    clusters: o.clusters,
    runs: o.runs,
    targets: { firstRenderMs: 1000, interactionMs: 100 },
    summary: {
      firstRenderMs: round(median(overview)),
      auditPageBaselineMs: round(median(audit)),
      sameTab: { firstRenderMs: round(median(sameTab)), auditPageBaselineMs: round(median(auditSameTab)) },
      newTabNoAutomation: { firstRenderMs: round(median(rawOverview)), auditPageBaselineMs: round(median(rawAudit)), tabRequestToNavigationStartMs: round(median(rawTabStarts)), note: 'Chromium over the DevTools pipe, no Playwright: timed from the request for the tab' },
      navigationTiming: Object.fromEntries(
        ['new tab', 'same tab', 'new tab, no automation', 'nice'].flatMap((series) =>
          ['/', '/audit'].map((pathName) => {
            const t = navTimings.filter((n) => n.series === series && n.pathName === pathName).map((n) => n.timing);
            // 0: not reached when read (the overview's document is still
            // streaming once all its cards are in the page); left out.
            const med = (k: keyof TNavTiming) => {
              const v = t.map((x) => x[k]).filter((x) => Number.isFinite(x) && x > 0);
              return v.length ? round(median(v)) : null;
            };
            return [`${series} ${pathName}`, { requestStart: med('requestStart'), responseStart: med('responseStart'), responseEnd: med('responseEnd'), domInteractive: med('domInteractive') }];
          }),
        ),
      ),
      browserFirst: { firstRenderMs: round(median(browserFirst)), auditPageBaselineMs: round(median(auditBrowserFirst)), note: 'Tandem and the simulator at nice 10 (every thread), Chromium at 0' },
      firstByteMs: { overview: commitOf('/'), audit: commitOf('/audit') },
      serverAlone: serverSide,
      interactions: interactionMs,
      vipMoveToCardMs: moveDelays.length ? { median: round(median(moveDelays)), max: Math.max(...moveDelays) } : null,
      pageHeapMB: { start: round(heapStart, 1), afterHold: round(heapEnd, 1), holdSeconds: round(seconds) },
      stream,
    },
    raw: { overview, audit, sameTab, auditSameTab, rawOverview, rawAudit, rawTabStarts, browserFirst, auditBrowserFirst, navTimings, interactions, moveDelays },
  };
  mkdirSync(path.dirname(o.out), { recursive: true });
  writeFileSync(o.out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result.summary, null, 2));
  console.log(`wrote ${o.out}`);
} finally {
  await raw?.close();
  await browser?.close();
  await tandem?.stop();
  await fleet?.stop();
}
