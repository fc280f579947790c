import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { createDemoServer } from './server/app.js';

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

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
function simulator() {
  let demo;

  /** Runs in the page: true once every coin element, in the page and its frames, has rendered its prices. */
  const rendered = () => {
    const tags = 'coin-list, coin-ticker, coin-price, coin-card';
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
          (el.localName !== 'coin-card' || root.querySelector('svg path'))
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

  return {
    name: 'market-simulator',
    async serverStart() {
      demo = await createDemoServer({ port: 0, host: '127.0.0.1', tickMs: 0, wsRate: 0, heartbeatMs: 0, seed: 42 });
    },
    async serverStop() {
      await demo?.close();
    },
    executeCommand({ command, payload, session }) {
      if (command === 'simulator-url') return demo.url;
      if (command === 'screenshot-demo') return screenshotDemo(session, payload);
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
  plugins: [simulator(), forcedColors(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        args: [
          '--no-sandbox',
          '--headless',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
};
