// @ts-check
/**
 * Time to first price (issue 19; design.md, Performance targets: "first price within 1.3× a page with no widget
 * that fetches the same answer"). Two pages on one local server, loaded in turn in headless Chromium, each in a
 * fresh browser context (empty HTTP cache, code cache and localStorage, as a first visit):
 * - the list: the bundle as a site pastes it and an 11-coin `<coin-list>` (feed="coingecko", endpoint on this server);
 * - the floor: no widget, one inline module script that fetches the list's very `/coins/markets` answer and writes
 *   its prices as text;
 * - for reference, a bare LitElement list (bench/apps/bare-list.js, bundled with Lit here): what any LitElement widget
 *   pays before its own code, with no placeholders, store, checks or status line.
 * Both get the same answer, byte for byte, with no network time; like CoinGecko's, it names a logo for each coin (a
 * PNG on the same server), which the list loads and the floor ignores. A warning or error on any page fails the
 * run. The medians and their ratio are the figures. For the list, the page's own resource timing says where the time
 * goes: when the bundle arrived, when the request for prices started, when the answer ended, when the price was in
 * the document and when the frame showing it was done.
 *
 * Needs the bundle (`npm run build`) and Chromium (`/usr/bin/chromium`; `CHROME_PATH` overrides). `BENCH_LOADS`
 * sets the loads of each page (default 25), taken in turn (the order rotating each round) so a machine whose speed
 * drifts weighs on all alike; a first round of each is a warm-up and not counted. `BENCH_TRACE=dir` also saves a
 * trace and a JS CPU profile of one more load of each page (`dir/first-price-list.trace.json`, `.cpuprofile`,
 * `first-price-floor.*` and `first-price-bare.*`) for bench/trace-summary.js or DevTools.
 */
import http from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { marketsAnswer } from '../server/simulator/coingecko.js';
import { Market } from '../server/simulator/market.js';
import { CHROME_PATH, CHROMIUM_ARGS } from '../scripts/chromium.js';
import { bundleApp } from './app-size.js';
import { listen } from './local.js';

/**
 * Headless Chromium 156 starts its omnibox popup's WebUI (a renderer of its own, about 300 ms of script) for every new
 * browser context, on the same two cores as the page being timed: it made every load here about 100 ms slower, and
 * the list, which needs more CPU, more so than the floor. A visitor's browser did that once, long before our page.
 */
const ARGS = [...CHROMIUM_ARGS, '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup'];
const COINS = 'bitcoin,ethereum,tether,ripple,binancecoin,solana,usd-coin,dogecoin,cardano,tron,pirate-chain';
const TARGET = 1.3;
const PAGES = { list: '/bench/first-price.html', floor: '/bench/floor.html', bare: '/bench/bare-list.html' };

/**
 * The pages (with the probe inlined), the bundle, one fixed `/coins/markets` answer for any query, and the logos it
 * names, on 127.0.0.1, port 0, nothing cached.
 */
async function server() {
  const probe = await readFile(new URL('first-price-probe.js', import.meta.url), 'utf8');
  const page = async (/** @type {string} */ path) =>
    (await readFile(new URL(`..${path}`, import.meta.url), 'utf8')).replace(
      '<!-- probe -->',
      `<script>${probe}</script>`,
    );
  const market = new Market({ seed: 1, now: () => Date.parse('2026-12-07T12:00:00Z') });
  const params = new URLSearchParams({ vs_currency: 'usd', ids: COINS, per_page: '250' });
  /** @type {Record<string, [type: string, body: string | Buffer]>} */
  const files = {
    // A logo as CoinGecko serves them, a PNG (64 × 64, a disc): raster images decode off the main thread.
    '/logo.png': ['image/png', await readFile(new URL('logo.png', import.meta.url))],
    [PAGES.list]: ['text/html; charset=utf-8', await page(PAGES.list)],
    [PAGES.floor]: ['text/html; charset=utf-8', await page(PAGES.floor)],
    [PAGES.bare]: ['text/html; charset=utf-8', await page(PAGES.bare)],
    '/bench/bare-list.min.js': ['text/javascript; charset=utf-8', (await bundleApp('bare-list')).code],
    '/dist/coin-ticker.min.js': [
      'text/javascript; charset=utf-8',
      await readFile(new URL('../dist/coin-ticker.min.js', import.meta.url)),
    ],
  };
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const [type, body] = files[pathname.startsWith('/logo/') ? '/logo.png' : pathname] ?? [];
    if (!type || !body) return res.writeHead(pathname === '/favicon.ico' ? 204 : 404).end();
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  const local = await listen(server);
  // Absolute logo URLs, as CoinGecko sends: the list loads and shows them (a relative one is no usable image).
  const logo = (/** @type {string} */ id) => `${local.url}/logo/${id}.png`;
  files['/api/v3/coins/markets'] = ['application/json', JSON.stringify(marketsAnswer(market, params, logo).body)];
  return local;
}

/**
 * @typedef {object} Timeline ms since navigation start
 * @property {number} [bundleArrived]
 * @property {number} requestStarted
 * @property {number} answerEnded
 * @property {number} inDom
 * @property {number} shown
 */

/**
 * One load of a page in a fresh browser context: its timeline, once the first prices are shown.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} url
 * @param {(page: import('puppeteer-core').Page) => Promise<() => Promise<void>>} [record] starts recording before the
 *   load; what it returns stops it after
 * @returns {Promise<Timeline>}
 */
async function load(browser, url, record) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    /** @type {string[]} */
    const problems = [];
    page.on('pageerror', (error) => problems.push(/** @type {Error} */ (error).message));
    // A warning means the page is not the one meant (a logo it refused, say): its time is no figure.
    page.on('console', (message) => {
      if (message.type() === 'warn' || message.type() === 'error') problems.push(message.text());
    });
    const stop = await record?.(page);
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    const timeline = /** @type {Timeline} */ (
      await Promise.race([
        page.evaluate('window.firstPrice'),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`${url}: no price in 20 s`)), 20_000)),
      ])
    );
    await stop?.();
    if (problems.length) throw new Error(`${url}: ${problems.join('; ')}`);
    return timeline;
  } finally {
    await context.close();
  }
}

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** @param {number[]} xs */
function quartiles(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return [at(0.25), at(0.75)];
}

/**
 * A trace and a JS CPU profile (sampled every 100 µs) of one load, as `path.trace.json` and `path.cpuprofile`.
 * @param {string} path
 * @returns {(page: import('puppeteer-core').Page) => Promise<() => Promise<void>>}
 */
const recordTo = (path) => async (page) => {
  await mkdir(dirname(path), { recursive: true });
  const cdp = await page.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.tracing.start({
    path: `${path}.trace.json`,
    categories: [
      'toplevel',
      'devtools.timeline',
      'blink',
      'loading',
      'v8',
      'v8.execute',
      'disabled-by-default-devtools.timeline',
    ],
  });
  return async () => {
    await page.tracing.stop();
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(`${path}.cpuprofile`, JSON.stringify(profile));
  };
};

const ms = (/** @type {number | undefined} */ x) => (x === undefined ? '?' : `${Math.round(x)} ms`);

/**
 * Loads both pages in turn and prints the medians, their ratio and the list's timeline.
 * @param {{ loads?: number, executablePath?: string, traceDir?: string, log?: (line: string) => void }} [options]
 */
export async function run({
  loads = Number(process.env.BENCH_LOADS) || 25,
  executablePath = CHROME_PATH,
  traceDir = process.env.BENCH_TRACE || undefined,
  log = console.log,
} = {}) {
  const loadBefore = os.loadavg()[0];
  const files = await server();
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ARGS,
    networkEnabled: false,
  });
  /** @type {Record<keyof typeof PAGES, Timeline[]>} */
  const times = { list: [], floor: [], bare: [] };
  const names = /** @type {Array<keyof typeof PAGES>} */ (Object.keys(PAGES));
  try {
    for (let round = -1; round < loads; round++) {
      // Each page goes first, second and last in turn, and after each of the others.
      const turn = (round + names.length) % names.length;
      const order = [...names.slice(turn), ...names.slice(0, turn)];
      if (round % 2) order.reverse();
      for (const name of order) {
        const timeline = await load(browser, files.url + PAGES[name]);
        if (round >= 0) times[name].push(timeline);
      }
    }
    if (traceDir)
      for (const name of names)
        await load(browser, files.url + PAGES[name], recordTo(`${traceDir}/first-price-${name}`));
  } finally {
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
    await files.close();
  }

  const shown = /** @type {Record<keyof typeof PAGES, number>} */ (
    Object.fromEntries(names.map((name) => [name, median(times[name].map((t) => t.shown))]))
  );
  const ratio = shown.list / shown.floor;
  const spread = (/** @type {Timeline[]} */ ts) =>
    quartiles(ts.map((t) => t.shown))
      .map(Math.round)
      .join('–');
  const cpus = os.cpus().length;
  log(
    `first price: an 11-coin <coin-list> against the floor (one inline fetch of the same answer, written as text), ` +
      `${loads} loads each in turn, fresh context each, ${cpus} CPUs, load average ${loadBefore.toFixed(1)} before`,
  );
  log(`  list  (median, quartiles)  ${ms(shown.list)}  (${spread(times.list)} ms)`);
  log(`  floor (median, quartiles)  ${ms(shown.floor)}  (${spread(times.floor)} ms)`);
  log(`  ratio list / floor         ${ratio.toFixed(2)}  ${ratio <= TARGET ? 'pass' : 'FAIL'} (target <= ${TARGET})`);
  log(
    `  bare LitElement list       ${ms(shown.bare)}  (${spread(times.bare)} ms), ratio to the floor ` +
      `${(shown.bare / shown.floor).toFixed(2)}: Lit and one render, nothing of ours`,
  );
  /** @type {Array<[keyof Timeline, string]>} */
  const steps = [
    ['bundleArrived', 'bundle arrived'],
    ['requestStarted', 'request started'],
    ['answerEnded', 'answer ended'],
    ['inDom', 'price in the document'],
    ['shown', 'shown'],
  ];
  for (const name of names) {
    const known = steps.filter(([key]) => times[name].every((t) => t[key] !== undefined));
    const at = (/** @type {keyof Timeline} */ key) => median(times[name].map((t) => /** @type {number} */ (t[key])));
    log(`  ${name} timeline (medians): ${known.map(([key, label]) => `${label} ${ms(at(key))}`).join(', ')}`);
  }
  if (loadBefore > cpus / 2)
    log(`  note: load average ${loadBefore.toFixed(1)} before the run: other processes shared the CPUs`);
  return {
    loads,
    shown,
    ratio,
    bareRatio: shown.bare / shown.floor,
    pass: ratio <= TARGET,
    times,
    loadAverage: [loadBefore, os.loadavg()[0]],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
