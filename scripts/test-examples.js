// @ts-check
/**
 * `npm run test:examples` (after `npm run build`; `.ci/run` runs it after `npm test`): every app in examples/ used as
 * a user would use the package. The package is packed; each example installs its own pinned dependencies from its
 * lockfile (`npm ci`), then the fresh tarball without saving it (a lockfile that pinned a tarball's integrity would
 * install an old build, or fail); then it type-checks (its deliberately wrong usage must be rejected), builds, and its
 * built app is loaded in headless Chromium against the market simulator: the elements are defined, every element
 * shows a price, the app's typed event handler has run, and the console has no error. The framework apps are loaded
 * once more under `vite dev`, where React and Vue print their warnings, and the console must hold no warning either.
 *
 * `EXAMPLES=react19,vue` runs some of them; `CHROME_PATH` overrides /usr/bin/chromium.
 */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import puppeteer from 'puppeteer-core';
import { createDemoServer } from '../server/app.js';
import { CHROME_PATH, CHROMIUM_ARGS } from './chromium.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = path.join(ROOT, 'examples');
/** How long a page may take to show every price and run its handler: a wait for the page, never a measurement. */
const PAGE_DEADLINE = 60_000;

/**
 * What each example is: whether it has a type check and a build, and what its wrong usage must produce. React and
 * Vue carry `@ts-expect-error` / `@vue-expect-error` lines, which fail their own type check when nothing is wrong;
 * Svelte markup has no such comment, so its wrong file is checked apart and must fail on every element in it.
 * @type {Record<string, { build: boolean, dev: boolean, wrong?: { script: string, file: string } }>}
 */
const KINDS = {
  react19: { build: true, dev: true },
  react18: { build: true, dev: true },
  vue: { build: true, dev: true },
  svelte: { build: true, dev: true, wrong: { script: 'typecheck:wrong', file: 'wrong/Wrong.svelte' } },
  html: { build: false, dev: false },
};

const run = promisify(execFile);

/**
 * Runs npm in a folder; its output is kept and shown only when it fails.
 * @param {string} cwd
 * @param {string[]} args
 */
async function npm(cwd, args) {
  try {
    return await run('npm', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  } catch (error) {
    const { stdout = '', stderr = '' } = /** @type {{ stdout?: string, stderr?: string }} */ (error);
    throw new Error(`npm ${args.join(' ')} failed in ${path.relative(ROOT, cwd)}:\n${stdout}${stderr}`);
  }
}

/** @type {Record<string, string>} */
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/**
 * Serves a folder, as any static host would serve a built app.
 * @param {string} folder
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
async function serve(folder) {
  const server = http.createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const file = path.join(folder, decodeURIComponent(pathname === '/' ? '/index.html' : pathname));
    const found = file.startsWith(folder) && (await stat(file).catch(() => null))?.isFile();
    if (!found) return res.writeHead(pathname === '/favicon.ico' ? 204 : 404).end();
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // The browser keeps its connections alive; close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}

/**
 * Starts the example's own Vite in development mode, through its own node_modules.
 * @param {string} dir
 */
async function viteDev(dir) {
  const vite = /** @type {typeof import('vite')} */ (
    await import(pathToFileURL(path.join(dir, 'node_modules/vite/dist/node/index.js')).href)
  );
  const server = await vite.createServer({
    root: dir,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  await server.listen();
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.httpServer?.address());
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/** Runs in the page: which elements are defined, the price each shows, and what the app's handler wrote. */
function readState() {
  const tags = ['coin-list', 'coin-price', 'coin-card', 'coin-ticker'];
  const price = (/** @type {string} */ tag) =>
    document.querySelector(tag)?.shadowRoot?.querySelector('[part=price]')?.textContent?.trim() ?? '';
  const defined = tags.filter((tag) => customElements.get(tag));
  const prices = Object.fromEntries(tags.map((tag) => [tag, price(tag)]));
  const updated = document.getElementById('updated')?.textContent ?? '';
  const done =
    defined.length === tags.length &&
    Object.values(prices).every((text) => /^\$[\d,]+\.\d+$/.test(text)) &&
    updated.startsWith('Updated: ');
  return { done, defined, prices, updated };
}

/**
 * Loads an app and waits until every element shows a price and the app's handler has written what it heard.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} url
 * @param {string} market
 * @param {('error' | 'warn')[]} forbidden console message types that fail the page
 */
async function check(browser, url, market, forbidden) {
  const page = await browser.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${/** @type {Error} */ (error).message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
  });
  page.on('console', (message) => {
    const type = /** @type {'error' | 'warn'} */ (message.type());
    // Lit's development build (the one `vite dev` resolves) says so once; React's and Vue's warnings are the point.
    if (message.text().startsWith('Lit is in dev mode.')) return;
    if (forbidden.includes(type)) problems.push(`console.${type}: ${message.text()}`);
  });
  try {
    await page.goto(`${url}/?market=${encodeURIComponent(market)}`, { waitUntil: 'load', timeout: PAGE_DEADLINE });
    const state = `(${readState})()`;
    try {
      await page.waitForFunction(`${state}.done`, { timeout: PAGE_DEADLINE, polling: 100 });
    } catch {
      const seen = await page.evaluate(state).catch(() => 'no page');
      throw new Error(`the page never showed every price and its handler's text: ${JSON.stringify(seen)}`);
    }
    const seen = /** @type {{ prices: Record<string, string>, updated: string }} */ (await page.evaluate(state));
    if (problems.length) throw new Error(problems.join('\n'));
    return seen;
  } finally {
    if (problems.length) console.error(problems.join('\n'));
    await page.close();
  }
}

/**
 * The Svelte example's wrong file must fail svelte-check on every element in it, each for its own reason.
 * @param {string} dir
 * @param {{ script: string, file: string }} wrong
 */
async function expectWrong(dir, wrong) {
  const result = await run('npm', ['run', wrong.script, '--silent', '--', '--output', 'machine'], { cwd: dir }).then(
    () => null,
    (error) => /** @type {{ stdout: string }} */ (error),
  );
  if (!result) throw new Error(`${wrong.file} type-checks: the generated types let wrong usage through`);
  const { readFile } = await import('node:fs/promises');
  const lines = (await readFile(path.join(dir, wrong.file), 'utf8')).split('\n');
  const elements = lines.flatMap((line, i) => (line.startsWith('<coin-') ? [i + 1] : []));
  const failing = new Set(
    [...result.stdout.matchAll(new RegExp(`ERROR "${wrong.file}" (\\d+):`, 'g'))].map(([, line]) => Number(line)),
  );
  const passed = elements.filter((line) => !failing.has(line));
  if (passed.length) throw new Error(`${wrong.file}: lines ${passed.join(', ')} type-check, but each is wrong`);
  return `${elements.length} wrong lines rejected`;
}

/**
 * @param {string} name
 * @param {{ tarball: string, market: string, browser: import('puppeteer-core').Browser }} context
 */
async function testExample(name, { tarball, market, browser }) {
  const dir = path.join(EXAMPLES, name);
  const kind = KINDS[name];
  const steps = [];
  const step = async (/** @type {string} */ label, /** @type {() => Promise<unknown>} */ action) => {
    const start = performance.now();
    const note = await action();
    steps.push(
      `${label} ${((performance.now() - start) / 1000).toFixed(1)} s${typeof note === 'string' ? ` (${note})` : ''}`,
    );
  };
  await step('npm ci', () => npm(dir, ['ci', '--no-audit', '--no-fund']));
  await step('install tarball', () => npm(dir, ['install', '--no-save', '--no-audit', '--no-fund', tarball]));
  if (kind.build) {
    await step('type-check', () => npm(dir, ['run', 'typecheck']));
    if (kind.wrong) await step('wrong file', () => expectWrong(dir, /** @type {any} */ (kind.wrong)));
    await step('vite build', () => npm(dir, ['exec', '--', 'vite', 'build', '--logLevel', 'error']));
  }
  await step('built app', async () => {
    const files = await serve(kind.build ? path.join(dir, 'dist') : dir);
    try {
      const { updated } = await check(browser, files.url, market, ['error']);
      return updated;
    } finally {
      await files.close();
    }
  });
  if (kind.dev) {
    await step('vite dev', async () => {
      const dev = await viteDev(dir);
      try {
        await check(browser, dev.url, market, ['error', 'warn']);
      } finally {
        await dev.close();
      }
    });
  }
  return steps;
}

async function main() {
  const wanted = process.env.EXAMPLES?.split(',') ?? Object.keys(KINDS);
  const present = new Set(await readdir(EXAMPLES));
  for (const name of wanted) if (!KINDS[name] || !present.has(name)) throw new Error(`no example "${name}"`);

  const packDir = await mkdtemp(path.join(tmpdir(), 'coin-ticker-pack-'));
  /** @type {(() => Promise<unknown>)[]} */
  const cleanup = [() => rm(packDir, { recursive: true, force: true })];
  let failed = 0;
  try {
    const { stdout } = await npm(ROOT, ['pack', '--silent', '--pack-destination', packDir]);
    const tarball = path.join(packDir, stdout.trim().split('\n').pop() ?? '');
    const demo = await createDemoServer({ port: 0, host: '127.0.0.1', seed: 1 });
    cleanup.push(() => demo.close());
    const browser = await puppeteer.launch({
      executablePath: CHROME_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    cleanup.push(() => browser.close().catch(() => browser.process()?.kill('SIGKILL')));
    for (const name of wanted) {
      const start = performance.now();
      try {
        const steps = await testExample(name, { tarball, market: demo.url, browser });
        console.log(`ok ${name} (${((performance.now() - start) / 1000).toFixed(1)} s): ${steps.join('; ')}`);
      } catch (error) {
        failed++;
        console.log(`not ok ${name}: ${/** @type {Error} */ (error).message}`);
      }
    }
  } finally {
    for (const close of cleanup.reverse()) await close();
  }
  console.log(`examples: ${wanted.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
