import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import http from 'node:http';
import { createDemoServer } from './server/app.js';
import { createRelay } from './server/relay/index.js';
import { CHROME_PATH, CHROMIUM_ARGS } from './scripts/chromium.js';

// msw only intercepts requests from pages under its worker's scope, so the worker must be served from the root.
const mswWorker = () => async (ctx, next) => {
  if (ctx.path !== '/mockServiceWorker.js') return next();
  ctx.type = 'application/javascript';
  ctx.body = await readFile(new URL('./test/msw/mockServiceWorker.js', import.meta.url));
};

// The demo's market simulator on a port the OS picks, so elements can be tested against a real CoinGecko-speaking
// server over HTTP; tests ask for its URL with executeServerCommand('simulator-url').
// executeServerCommand('screenshot-demo', { name, colorScheme }) opens the demo page on the simulator in a new tab of
// the test browser, waits until every element on it (and in its same-origin frames) shows prices, saves a full-page
// screenshot to test/screenshots/<name>.png for a person to look at, and answers { path, size, errors, snippet }:
// errors are what the page logged as console errors or threw; snippet is the configurator's code as shown.
// executeServerCommand('demo-fault', { fault, first }) presses the demo's "Simulate a failure" buttons on a demo
// server of its own and reports what the elements said; executeServerCommand('demo-fault-clear', { recover }) presses
// Clear, reports whether anything moved meanwhile, and closes that demo (see demoFault below).
function simulator() {
  let demo;

  /** Runs in the page: true once every coin element, in the page and its frames, has rendered its prices. */
  const rendered = () => {
    const tags = 'coin-list, coin-ticker, coin-price, coin-card, coin-table';
    const frames = [...document.querySelectorAll('iframe')].map((frame) => frame.contentDocument).filter(Boolean);
    if (
      !document.querySelector('coin-list') ||
      frames.some((doc) => doc.readyState !== 'complete' || !doc.querySelector(tags))
    )
      return false;
    return [document, ...frames].every((doc) =>
      [...doc.querySelectorAll(tags)].every((el) => {
        const root = el.shadowRoot;
        return (
          root?.querySelector('[part~="price"]') &&
          !root.querySelector('.skeleton') &&
          [...root.querySelectorAll('img')].every((img) => img.complete) &&
          (!['coin-card', 'coin-table'].includes(el.localName) || root.querySelector('svg path'))
        );
      }),
    );
  };

  /**
   * Opens the demo of the server at `url` with the simulator as its source in a new tab of the test browser, and
   * waits until every element shows prices; `errors` collects what the page logs as console errors or throws.
   */
  async function openDemo(session, url, { command, colorScheme = 'light', timeout = 20_000 }) {
    if (session.browser.type !== 'puppeteer') throw new Error(`${command} needs a puppeteer browser`);
    const testPage = session.browser.getPage(session.id);
    const page = await testPage.browserContext().newPage();
    const errors = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(String(error)));
    const close = async () => {
      await page.close();
      await testPage.bringToFront();
    };
    try {
      // In front, so the page is visible: the elements pause their feeds in a hidden tab.
      await page.bringToFront();
      await page.setViewport({ width: 1280, height: 900 });
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
      await page.goto(`${url}/?source=sim`, { waitUntil: 'load' });
      await page.waitForFunction(rendered, { polling: 100, timeout }).catch((error) => {
        throw new Error(`${error.message}; console errors: ${errors.join(' | ') || 'none'}`);
      });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
    } catch (error) {
      await close();
      throw error;
    }
    return { page, errors, close };
  }

  /** Saves a full-page screenshot to test/screenshots/<name>.png; answers its path and size in bytes. */
  async function saveScreenshot(page, name) {
    const { mkdir, stat } = await import('node:fs/promises');
    const dir = resolve('test/screenshots');
    await mkdir(dir, { recursive: true });
    const path = resolve(dir, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    return { path, size: (await stat(path)).size };
  }

  async function screenshotDemo(session, { name = 'demo', colorScheme = 'light' } = {}) {
    if (!/^[\w-]+$/.test(name)) throw new Error(`screenshot-demo: "${name}" is not a file name`);
    const { page, errors, close } = await openDemo(session, demo.url, { command: 'screenshot-demo', colorScheme });
    try {
      const shot = await saveScreenshot(page, name);
      const snippet = await page.$eval('#snippet', (el) => el.textContent).catch(() => null);
      return { ...shot, errors, snippet };
    } finally {
      await close();
    }
  }

  /** Runs in the page: every element shows current prices, and the list credits an exchange's live ticks. */
  const settled = () => {
    const elements = [...document.querySelectorAll('coin-list, coin-card, coin-ticker, coin-price, coin-table')];
    const status = document.querySelector('coin-list')?.shadowRoot?.querySelector('[part~="status"]')?.textContent;
    return (
      /^\s*Data:.*live from/s.test(status ?? '') && elements.every((el) => !el.shadowRoot?.querySelector('.stale'))
    );
  };

  /**
   * Runs in the page: from now on, notes every render and every resize of the page's own elements (the preview's are
   * in a frame of their own), into `window.__demoFault`: each element's status texts and heights as they were, and
   * the whole picture (`read()`) at the first moment the list's status line gave a reason instead of its credits.
   * Heights are noted only while the page is laid out at the viewport it was opened at.
   * A reason may show for a fraction of a second (a dropped socket reconnects at once), so it is caught as rendered.
   */
  const watchDemo = () => {
    const elements = [...document.querySelectorAll('coin-list, coin-card, coin-ticker, coin-price, coin-table')];
    const key = (el) => (el.hasAttribute('coin') ? `${el.localName}[coin=${el.getAttribute('coin')}]` : el.localName);
    const words = (node) => node?.textContent.replace(/\s+/g, ' ').trim() ?? null;
    // The list's, card's and table's visible line; the tape's is spoken only (its credit link has part=status too).
    const line = (el) =>
      el.shadowRoot.querySelector(el.localName === 'coin-ticker' ? '[role="status"]' : '[part~="status"]');
    const read = () => {
      const picture = { status: {}, clipped: {}, heights: {}, prices: {}, placeholders: 0, tapeTitles: [] };
      for (const el of elements) {
        const k = key(el);
        const status = line(el);
        if (status) picture.status[k] = words(status);
        // Text cut short by the line's ellipsis (the tape's line is visually hidden by design).
        if (status && el.localName !== 'coin-ticker') picture.clipped[k] = status.scrollWidth > status.clientWidth;
        picture.heights[k] = el.getBoundingClientRect().height;
        // The tape's second copy, there for the seamless loop, repeats the first.
        const scope = el.localName === 'coin-ticker' ? el.shadowRoot.querySelector('ul') : el.shadowRoot;
        picture.prices[k] = [...scope.querySelectorAll('[part~="price"]')].map(words);
        picture.placeholders += el.shadowRoot.querySelectorAll('.skeleton').length;
        if (el.localName === 'coin-ticker')
          picture.tapeTitles = [...new Set([...scope.querySelectorAll('li.stale')].map((li) => li.title))];
      }
      return picture;
    };
    const state = { read, seen: {}, heights: {}, during: null, clickedAt: 0 };
    // Heights count only at the viewport the demo was opened at: a full-page screenshot may lay the page out in a 1 x 1
    // window for a moment (puppeteer/puppeteer#7251), where every element rewraps (the tape, 33.6 px tall, stacks its
    // parts to 87.6 px). No reader sees that layout; a move at the page's own size is still caught.
    const size = () => `${innerWidth}x${innerHeight}`;
    const opened = size();
    const note = () => {
      const now = read();
      for (const [k, text] of Object.entries(now.status))
        if (!(state.seen[k] ??= []).includes(text)) state.seen[k].push(text);
      if (size() === opened)
        for (const [k, h] of Object.entries(now.heights))
          if (!(state.heights[k] ??= []).includes(h)) state.heights[k].push(h);
      const list = now.status['coin-list'];
      if (!state.during && state.clickedAt && list && !list.startsWith('Data:'))
        state.during = { ...now, ms: Math.round(performance.now() - state.clickedAt) };
    };
    // When the demo's last CoinGecko poll was answered (the preview's, in its frame, are not seen here).
    state.lastPoll = -Infinity;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (entry.name.includes('/coins/markets')) state.lastPoll = Math.max(state.lastPoll, entry.responseEnd);
    }).observe({ type: 'resource', buffered: true });
    const mutations = new MutationObserver(note);
    const sizes = new ResizeObserver(note);
    for (const el of elements) {
      mutations.observe(el.shadowRoot, { subtree: true, childList: true, characterData: true, attributes: true });
      sizes.observe(el);
    }
    note();
    window.__demoFault = state;
  };

  /**
   * The fault run under way, between `demo-fault` and `demo-fault-clear`: its tab and its demo server. Each command
   * must answer within the test runner's 20 s for a server command, so pressing a button and clearing the fault are
   * two commands, each with a deadline of its own.
   */
  let faultRun;
  const COMMAND_BUDGET = 18_000;
  const within = (deadline) => Math.max(1, deadline - Date.now());

  /** Waits until `condition` holds in the page; a timeout names what was awaited and what the list's status said. */
  async function waitUntil(page, what, condition, deadline, polling = 100, ...args) {
    await page.waitForFunction(condition, { polling, timeout: within(deadline) }, ...args).catch(async (error) => {
      const status = await page
        .evaluate(() => document.querySelector('coin-list')?.shadowRoot?.querySelector('[part~="status"]')?.textContent)
        .catch(() => undefined);
      throw new Error(`${what}: ${error.message}; the list's status line says "${status?.trim()}"`);
    });
  }

  /** Closes the fault run's tab and stops its server; safe when there is none, or when the test page is gone. */
  async function endFaultRun() {
    const run = await faultRun?.catch(() => undefined);
    faultRun = undefined;
    await run?.close().catch(() => {});
    await run?.server.close();
  }

  /**
   * executeServerCommand('demo-fault', { fault, first }) presses one of the demo's "Simulate a failure" buttons. It
   * opens the demo on a demo server of its own, paced as `npm start` runs it (market ticks, exchange ticks and
   * heartbeats on; the shared server has them off, so its exchange sockets fall silent and the feeds' liveness check
   * drops them every 10 s), so no fault outlives its test. Once every element shows current prices and the list
   * credits an exchange's live ticks, it presses `#faults [data-fault=<fault>]`, waits until the list's status line
   * gives a reason (the demo polls the simulator every 10 s, so a CoinGecko fault shows within 10 s) and saves
   * test/screenshots/demo-<fault>.png. With `first`, it presses that button before, within 5 s of one of the demo's
   * polls, and waits for the demo to confirm it: "ws-silent" first keeps a dropped socket's reconnection from being
   * answered (alone, "ws-drop" reconnects and is re-priced by the exchange's snapshot within milliseconds, usually
   * before the elements' next render, so the reason seldom shows). The tab stays open for `demo-fault-clear`. Answers
   * { path, size, before, during, shown, shownAfterShot, demoSays }: pictures (`read()` above) before the press, at
   * the list's first reason (`during`, with `ms` since the press) and just before the screenshot; the list's status
   * right after the screenshot; the demo's own fault line then.
   */
  async function demoFault(session, { fault, first } = {}) {
    for (const name of [fault, first ?? 'none'])
      if (!/^[\w-]+$/.test(String(name))) throw new Error(`demo-fault: "${name}" is not a fault name`);
    await endFaultRun();
    const deadline = Date.now() + COMMAND_BUDGET;
    const button = `#faults [data-fault="${fault}"]`;
    faultRun = (async () => {
      const server = await createDemoServer({ port: 0, host: '127.0.0.1', seed: 42 });
      try {
        return {
          server,
          ...(await openDemo(session, server.url, { command: 'demo-fault', timeout: within(deadline) })),
        };
      } catch (error) {
        await server.close();
        throw error;
      }
    })();
    const { page } = await faultRun;
    for (const name of first ? [first, fault] : [fault])
      if (!(await page.$(`#faults [data-fault="${name}"]`)))
        throw new Error(`demo-fault: the demo has no "${name}" button`);
    await waitUntil(page, 'current prices credited to a live exchange', settled, deadline);
    await page.evaluate(watchDemo);
    const before = await page.evaluate(() => window.__demoFault.read());
    if (first) {
      // Within 5 s of a poll's answer, so the next poll (10 s after it) cannot stand in fresh prices before the
      // elements show why they are not current.
      const sincePoll = () => performance.now() - window.__demoFault.lastPoll < 5000;
      await waitUntil(page, "a moment just after one of the demo's CoinGecko polls", sincePoll, deadline);
      const said = await page.$eval('#fault-status', (el) => el.textContent);
      await page.click(`#faults [data-fault="${first}"]`);
      // The demo says what it asked of the simulator once the simulator has taken it.
      const confirmed = (before) => document.getElementById('fault-status').textContent !== before;
      await waitUntil(page, `the demo confirming "${first}"`, confirmed, deadline, 100, said);
    }
    await page.evaluate(() => (window.__demoFault.clickedAt = performance.now()));
    await page.click(button);
    await waitUntil(
      page,
      `a reason in the list's status line after ${button}`,
      () => window.__demoFault.during,
      deadline,
      'raf',
    );
    const shown = await page.evaluate(() => window.__demoFault.read());
    const shot = await saveScreenshot(page, `demo-${fault}`);
    const shownAfterShot = await page.evaluate(() => window.__demoFault.read().status['coin-list']);
    const during = await page.evaluate(() => window.__demoFault.during);
    const demoSays = await page.$eval('#fault-status', (el) => el.textContent);
    return { ...shot, before, during, shown, shownAfterShot, demoSays };
  }

  /**
   * executeServerCommand('demo-fault-clear', { recover }) ends the run `demo-fault` began: presses the demo's Clear
   * button and waits for the demo to confirm it; with `recover`, waits until every price is current again and the
   * list credits its sources (a dropped socket reconnects at once; a failed poll is retried 10 s after it failed; a
   * 429's Retry-After, 30 s, is honoured whatever the simulator does meanwhile, so it is not waited for). Then closes
   * the tab and the server. Answers false when no run is open, else { errors, seen, heights, cleared, recovered,
   * after }: what the page logged as console errors or threw; every status text (`seen`) and height (`heights`) each
   * element had from just before the press on; the demo's fault line after Clear; the picture at the end.
   */
  async function demoFaultClear({ recover = false } = {}) {
    // Not null: the test runner takes a null answer for a command no plugin knows.
    if (!faultRun) return false;
    const deadline = Date.now() + COMMAND_BUDGET;
    try {
      const { page, errors } = await faultRun;
      await page.click('#faults [data-fault="none"]');
      const confirmed = () => /No faults pending/.test(document.getElementById('fault-status').textContent);
      await waitUntil(page, 'the demo confirming Clear', confirmed, deadline);
      const cleared = await page.$eval('#fault-status', (el) => el.textContent);
      let recovered = null;
      if (recover) {
        await waitUntil(page, 'current prices again after Clear', settled, deadline);
        recovered = true;
      }
      const { seen, heights, after } = await page.evaluate(() => {
        const { seen, heights, read } = window.__demoFault;
        return { seen, heights, after: read() };
      });
      return { errors, seen, heights, cleared, recovered, after };
    } finally {
      await endFaultRun();
    }
  }

  return {
    name: 'market-simulator',
    async serverStart() {
      demo = await createDemoServer({ port: 0, host: '127.0.0.1', tickMs: 0, wsRate: 0, heartbeatMs: 0, seed: 42 });
    },
    async serverStop() {
      await endFaultRun();
      await demo?.close();
    },
    executeCommand({ command, payload, session }) {
      if (command === 'simulator-url') return demo.url;
      if (command === 'screenshot-demo') return screenshotDemo(session, payload);
      if (command === 'demo-fault') return demoFault(session, payload);
      if (command === 'demo-fault-clear') return demoFaultClear(payload);
      return undefined;
    },
  };
}

// Forced colors, which @web/test-runner-commands' emulateMedia passes to Playwright only: tests set it with
// executeServerCommand('forced-colors', 'active' | 'none'), over a DevTools session of the test page's own.
function forcedColors() {
  const sessions = new WeakMap();
  return {
    name: 'forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'forced-colors') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      await sessions
        .get(page)
        .send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: payload }] });
      return true;
    },
  };
}

// A coin-ticker-relay in front of a market simulator of its own (its prices walk only when a test ticks it), both on
// OS-picked ports. executeServerCommand('relay') answers { url, blocked, allowlisted, simulator }: `blocked` is a front
// for the same relay that refuses socket upgrades, as a company proxy does, and passes HTTP through; `allowlisted` is
// a second relay on the same simulator's CoinGecko that serves only bitcoin and ethereum (`--coins`), and so no top
// lists.
// executeServerCommand('relay-restart') stops the relay (its clients see 1001) and starts a new one on the same port;
// executeServerCommand('relay-tick', { id }) makes the simulator's exchanges trade that coin.
function relayServer() {
  let sim;
  let relay;
  let allowlisted;
  let front;
  const start = (port = 0) =>
    createRelay({
      port,
      host: '127.0.0.1',
      feed: 'auto',
      endpoints: {
        coingecko: `${sim.url}/api/v3`,
        kraken: `${sim.url.replace(/^http/, 'ws')}/kraken/v2`,
        coinbase: `${sim.url.replace(/^http/, 'ws')}/coinbase`,
        binance: `${sim.url.replace(/^http/, 'ws')}/binance`,
      },
      interval: 10,
      maxCoins: 250,
      currencies: ['usd', 'eur'],
      trustProxy: false,
      maxConnections: 50,
    });
  return {
    name: 'relay',
    async serverStart() {
      // Exchange heartbeats on, so the relay's upstream socket stays up between a test's ticks.
      sim = await createDemoServer({ port: 0, host: '127.0.0.1', tickMs: 0, wsRate: 0, heartbeatMs: 1000, seed: 7 });
      relay = await start();
      // CoinGecko alone: a second relay on the simulator's exchange sockets would take the ticks tests make.
      allowlisted = await createRelay({
        port: 0,
        host: '127.0.0.1',
        feed: 'coingecko',
        endpoints: { coingecko: `${sim.url}/api/v3` },
        interval: 10,
        coins: ['bitcoin', 'ethereum'],
        currencies: ['usd'],
        trustProxy: false,
        maxConnections: 50,
      });
      front = http.createServer((req, res) => {
        const target = new URL(req.url, relay.url);
        const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        req.pipe(upstream);
      });
      front.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n'));
      await new Promise((resolve) => front.listen(0, '127.0.0.1', resolve));
    },
    async serverStop() {
      front?.closeAllConnections();
      front?.close();
      await relay?.close();
      await allowlisted?.close();
      await sim?.close();
    },
    async executeCommand({ command, payload }) {
      if (command === 'relay')
        return {
          url: relay.url,
          blocked: `http://127.0.0.1:${front.address().port}`,
          allowlisted: allowlisted.url,
          simulator: sim.url,
        };
      if (command === 'relay-restart') {
        const { port } = new URL(relay.url);
        await relay.close();
        relay = await start(Number(port));
        return relay.url;
      }
      if (command === 'relay-tick') {
        sim.simulator.exchangeTick(payload?.id);
        return true;
      }
      return undefined;
    },
  };
}

export default {
  files: ['test/**/*.test.ts', '!test/server/**'],
  nodeResolve: true,
  // One page at a time: pages running side by side would share msw's one service worker.
  concurrency: 1,
  // The whole run, one file at a time on a 2-core machine: the socket suites alone take half a minute.
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 5000 } },
  // The test framework, then a guard that keeps a failing assertion on a DOM node from hanging the page (see the file).
  testRunnerHtml: (framework) =>
    `<!DOCTYPE html><html><head></head><body>
      <script type="module" src="${framework}"></script>
      <script type="module" src="/test/helpers/reportable-failures.ts"></script>
    </body></html>`,
  middleware: [mswWorker()],
  plugins: [
    simulator(),
    relayServer(),
    forcedColors(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROME_PATH,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
};
