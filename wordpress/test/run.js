// @ts-check
/**
 * `npm run test:wordpress` (after `npm run build`; `.ci/run` runs it after `npm test`): the plugin in a real
 * WordPress 6.5 on SQLite, installed from `dist/coin-ticker-wordpress.zip` with the default theme.
 *
 *   1. PHPUnit inside WordPress (wordpress/test/phpunit): shortcodes, blocks' render, escaping, the REST route, the
 *      cache's lock and stale-on-failure, the allowlist, the settings, uninstall.
 *   2. A fresh install served by `php -S` with 4 workers, its upstream the market simulator:
 *      concurrency: many readers of coins and of a ranking at once on a cold cache and a slow upstream cost exactly
 *      one upstream request of each kind;
 *      end to end in Chromium: every block and shortcode shows prices from the simulator through the site's route,
 *      and nothing else is asked; a hostile shortcode is inert; the key is in no page; the bundle loads only where
 *      an element is; the editor inserts and configures the list block, whose saved markup holds only what was set.
 *
 * `WP_TESTS=phpunit,concurrency,browser` runs some of them; `CHROME_PATH` overrides /usr/bin/chromium.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROME_PATH, CHROMIUM_ARGS } from '../../scripts/chromium.js';
import { createDemoServer } from '../../server/app.js';
import { setup, WP } from './setup.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const KEY = 'cg-secret-key-for-tests';
/** The simulator's `slow` fault holds each /coins/markets answer this long: under the plugin's 3 s deadline. */
const SLOW_MS = 1500;
const READERS = 16;
/** The ranking install.php has the site remember, as a page's `top="5"` list would. */
const TOP = 5;
/** How long a page may take to show its prices: a wait for the page, never a measurement. */
const PAGE_DEADLINE = 60_000;

let failed = 0;
/**
 * @param {string} name
 * @param {() => Promise<string | void>} body
 */
async function check(name, body) {
  try {
    const note = await body();
    console.log(`ok ${name}${note ? ` (${note})` : ''}`);
  } catch (error) {
    failed++;
    console.log(`not ok ${name}\n  ${/** @type {Error} */ (error).stack?.replaceAll('\n', '\n  ')}`);
  }
}

/** @param {unknown} condition @param {string} message @returns {asserts condition} */
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {net.AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `php -S` in its own process group (its workers outlive the parent otherwise), with 4 workers so requests really
 * run in parallel.
 * @param {string} upstream
 */
async function startWordPress(upstream) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const php = spawn('php', ['-S', `127.0.0.1:${port}`], {
    cwd: WP,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4', COIN_TICKER_WP_URL: url, COIN_TICKER_TEST_UPSTREAM: upstream },
  });
  const stop = () => {
    try {
      process.kill(-(/** @type {number} */ (php.pid)), 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  // Ready once it answers: connection refusals until then are the server still starting.
  for (let attempt = 0; ; attempt++) {
    const answer = await fetch(`${url}/wp-json/`).catch(() => null);
    if (answer?.ok) break;
    if (attempt > 200 || php.exitCode !== null) {
      stop();
      throw new Error(`php -S did not start on ${url}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, stop };
}

/** @param {string} base */
const simState = async (base) => /** @type {any} */ (await (await fetch(`${base}/sim/state`)).json());

/**
 * @param {string} base
 * @param {object} fault
 */
const simFault = (base, fault) =>
  fetch(`${base}/sim/fault`, {
    method: 'POST',
    body: JSON.stringify(fault),
    headers: { 'content-type': 'application/json' },
  });

/**
 * Half the readers ask for a coin, half for the ranking, as a page with a top list asks for both each poll.
 * @param {string} site
 * @param {string} sim
 */
async function concurrency(site, sim) {
  await simFault(sim, { kind: 'slow', count: READERS });
  const before = (await simState(sim)).marketsRequests;
  /** @param {number} index */
  const read = (index) => {
    const kind = index % 2 ? 'ranking' : 'coins';
    const query = kind === 'coins' ? 'ids=cardano' : `order=market_cap_desc&per_page=${TOP}`;
    return fetch(`${site}/wp-json/coin-ticker/v1/coins/markets?vs_currency=usd&${query}`).then(async (response) => ({
      kind,
      status: response.status,
      how: response.headers.get('x-coin-ticker-cache'),
      ids: response.ok ? /** @type {{ id: string }[]} */ (await response.json()).map((item) => item.id).join() : '',
    }));
  };
  const wave = () => Promise.all(Array.from({ length: READERS / 2 }, (_, index) => read(index)));
  // Half race for the locks on the cold cache; the other half is sent once the upstream has a request and holds its
  // answer, so those surely arrive while it is under way.
  const first = wave();
  while ((await simState(sim)).marketsRequests === before) await new Promise((resolve) => setTimeout(resolve, 20));
  const second = wave();
  const answers = [...(await first), ...(await second)];
  const during = answers.slice(READERS / 2);
  await simFault(sim, { kind: 'none' });
  const upstream = (await simState(sim)).marketsRequests - before;
  /** @param {typeof answers} list */
  const tally = (list) => {
    /** @type {Record<string, number>} */
    const how = {};
    for (const { kind, status, how: from } of list)
      how[`${kind} ${status} ${from}`] = (how[`${kind} ${status} ${from}`] ?? 0) + 1;
    return JSON.stringify(how);
  };
  const rankings = new Set(answers.filter((answer) => answer.kind === 'ranking').map((answer) => answer.ids));
  const figures =
    `${READERS} readers, half of a coin and half of the top ${TOP}, ${READERS / 2} at once on a cold cache and ` +
    `${READERS / 2} more while the upstream took ${SLOW_MS} ms to answer: ${upstream} upstream request(s); answers ` +
    `${tally(answers.slice(0, READERS / 2))}, then ${tally(during)}; rankings ${[...rankings].join(' | ')}`;
  assert(upstream === 2, `expected exactly one upstream request for the coins and one for the ranking: ${figures}`);
  assert(
    answers.every((answer) => answer.status === 200) &&
      answers.every((answer) => answer.kind === 'ranking' || answer.ids === 'cardano'),
    `every reader gets the price: ${figures}`,
  );
  assert(
    rankings.size === 1 && [...rankings][0].split(',').length === TOP,
    `every reader of the ranking gets the one top ${TOP}: ${figures}`,
  );
  // The requests ran in parallel with the fetch (a server with one worker could not): some waited for it. When the
  // first half's waiters hold every worker, the second half queues until the answer is in, and reads the cache.
  assert(
    answers.some((answer) => answer.how === 'waited'),
    `no request ran while the fetch was under way: ${figures}`,
  );
  return figures;
}

/** Headless Chromium with the project's flags. */
async function launch() {
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * As a site owner would: deletes the plugin in Plugins (which runs its uninstall), uploads the built zip through
 * Plugins → Add New → Upload Plugin, activates it, and saves the settings through their form.
 * @param {string} site
 */
async function installThroughAdmin(site) {
  const browser = await launch();
  const page = await browser.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  try {
    await logIn(page, site);
    await page.goto(`${site}/wp-admin/plugins.php`, { waitUntil: 'load', timeout: PAGE_DEADLINE });
    await Promise.all([page.waitForNavigation({ timeout: PAGE_DEADLINE }), page.click('#deactivate-coin-ticker')]);
    await page.click('#delete-coin-ticker');
    await page.waitForSelector('.plugin-deleted-tr', { timeout: PAGE_DEADLINE });

    await page.goto(`${site}/wp-admin/plugin-install.php?tab=upload`, { waitUntil: 'load', timeout: PAGE_DEADLINE });
    const input = /** @type {import('puppeteer-core').ElementHandle<HTMLInputElement>} */ (await page.$('#pluginzip'));
    await input.uploadFile(path.join(ROOT, 'dist/coin-ticker-wordpress.zip'));
    await Promise.all([page.waitForNavigation({ timeout: PAGE_DEADLINE }), page.click('#install-plugin-submit')]);
    const installed = await page.evaluate(() => document.body.innerText);
    assert(installed.includes('Plugin installed successfully'), `the upload failed: ${installed.slice(0, 500)}`);
    await Promise.all([
      page.waitForNavigation({ timeout: PAGE_DEADLINE }),
      page.click('a.button-primary[href*="action=activate"]'),
    ]);
    assert(await page.$('#deactivate-coin-ticker'), 'the uploaded plugin is not active');

    await page.goto(`${site}/wp-admin/options-general.php?page=coin-ticker`, {
      waitUntil: 'load',
      timeout: PAGE_DEADLINE,
    });
    await page.click('input[name="coin_ticker_settings[source]"][value=site]');
    await page.type('#coin-ticker-key', KEY);
    await page.type('#coin-ticker-coins', 'cardano');
    await page.select('#coin-ticker-theme', 'light');
    await Promise.all([page.waitForNavigation({ timeout: PAGE_DEADLINE }), page.click('#submit')]);
    const saved = await page.content();
    assert(saved.includes('Settings saved.'), 'the settings were not saved');
    assert(!saved.includes(KEY), 'the settings page shows the key');
    return 'deleted (its uninstall ran), uploaded, activated, settings saved through the form';
  } finally {
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
  }
}

/**
 * @param {import('puppeteer-core').Page} page
 * @param {string} site
 */
async function logIn(page, site) {
  await page.goto(`${site}/wp-login.php`, { waitUntil: 'load', timeout: PAGE_DEADLINE });
  // The login page focuses and selects the user field 200 ms after it loads: typing before that lets the rest of
  // the password land in the user field on a slow machine. Type once it has happened, as a reader would see it.
  await page.waitForFunction(() => document.activeElement?.id === 'user_login', { timeout: PAGE_DEADLINE });
  await page.type('#user_login', 'admin');
  await page.type('#user_pass', 'password');
  await Promise.all([page.waitForNavigation({ timeout: PAGE_DEADLINE }), page.click('#wp-submit')]);
  const url = new URL(page.url());
  if (!url.pathname.startsWith('/wp-admin')) {
    const said = await page.$eval('#login_error', (error) => error.textContent?.trim()).catch(() => '');
    throw new Error(`the login failed at ${url.pathname}: ${said}`);
  }
}

/** @param {string} sim @param {string} site @param {Record<string, number>} posts */
async function browserChecks(sim, site, posts) {
  const browser = await launch();
  try {
    await check(
      'every block and shortcode shows prices from the simulator through the site, and nothing else is asked',
      async () => {
        const notes = [];
        for (const name of ['blocks', 'shortcodes']) {
          const seen = await visit(browser, `${site}/?p=${posts[name]}`, [site, `${sim}/sim/logos/`]);
          assert(
            seen.prices.every(([, price]) => /^\$[\d,]+\.\d+$/.test(price)),
            `${name}: ${JSON.stringify(seen.prices)}`,
          );
          assert(
            seen.requests.some((url) => url.startsWith(`${site}/wp-json/coin-ticker/v1/coins/markets?`)),
            `${name} never asked the site`,
          );
          // A table's 7-day change comes through the site's cache too: a figure, never the dash of a missing one.
          assert(
            seen.tableChanges.length > 0 && seen.tableChanges.every((change) => /\d%$/.test(change)),
            `${name}: the table's changes ${JSON.stringify(seen.tableChanges)}`,
          );
          notes.push(`${name}: ${seen.prices.map(([tag, price]) => `${tag} ${price}`).join(', ')}`);
          // The settings' theme reaches every element an author gave none; the blocks post's card says dark.
          const themes = seen.themes.map(([tag, theme]) => `${tag}=${theme}`).join(' ');
          const expected = name === 'blocks' ? /^(coin-(?!card)\S+=light )+coin-card=dark$/ : /^(\S+=light ?)+$/;
          assert(expected.test(themes), `${name}: themes ${themes}`);
        }
        const { lastMarketsRequest } = await simState(sim);
        assert(lastMarketsRequest?.demoKey === KEY, 'the site sends its key upstream');
        return notes.join('; ');
      },
    );

    await check('a hostile shortcode is inert and the key is in no page', async () => {
      const seen = await visit(browser, `${site}/?p=${posts.hostile}`, [site, `${sim}/sim/logos/`], false);
      assert(seen.hacked === null, `a hostile attribute ran: window.hacked = ${seen.hacked}`);
      for (const name of ['blocks', 'shortcodes', 'hostile', 'plain']) {
        const html = await (await fetch(`${site}/?p=${posts[name]}`)).text();
        assert(!html.includes(KEY), `the key is in the ${name} page`);
        assert(
          !/<script>window\.hacked|onerror=|onmouseover=/.test(html) || name !== 'hostile',
          'hostile markup in the page',
        );
      }
      assert(!seen.html.includes(KEY), 'the key is in the rendered page');
      return `${seen.elements} elements rendered, none scripted`;
    });

    await check('the bundle loads only on pages with an element', async () => {
      const plain = await (await fetch(`${site}/?p=${posts.plain}`)).text();
      const blocks = await (await fetch(`${site}/?p=${posts.blocks}`)).text();
      assert(
        !plain.includes('coin-ticker.min.js') && !plain.includes('coin-ticker-settings'),
        'the plain post loads the bundle',
      );
      assert(
        blocks.includes('coin-ticker.min.js') && blocks.includes('type="module"'),
        'the blocks post lacks the module',
      );
    });

    await check(
      'the editor inserts and configures the list block, saves only what was set, and inserts an inline price',
      () => editor(browser, site),
    );
  } finally {
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
  }
}

/**
 * Loads a page, fails on any request but to the allowed prefixes (the site, and the logos the price answers link
 * to, as CoinGecko's link to its image host), and waits for every element to show a price.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} url
 * @param {string[]} allowed
 */
async function visit(browser, url, allowed, prices = true) {
  const page = await browser.newPage();
  /** @type {string[]} */
  const requests = [];
  /** @type {string[]} */
  const problems = [];
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    requests.push(request.url());
    if (allowed.some((prefix) => request.url().startsWith(prefix))) return void request.continue();
    problems.push(`asked another host: ${request.url()}`);
    void request.abort();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${/** @type {Error} */ (error).message}`));
  try {
    await page.goto(url, { waitUntil: 'load', timeout: PAGE_DEADLINE });
    const read = `(${readPage})()`;
    if (prices)
      await page.waitForFunction(`${read}.done`, { timeout: PAGE_DEADLINE, polling: 100 }).catch(async () => {
        throw new Error(`${url} never showed every price: ${JSON.stringify(await page.evaluate(read))}`);
      });
    const seen = /** @type {ReturnType<typeof readPage>} */ (await page.evaluate(read));
    if (problems.length) throw new Error(problems.join('\n'));
    return { ...seen, requests };
  } finally {
    await page.close();
  }
}

/** Runs in the page: each element's first price, and what a hostile attribute would have set. */
function readPage() {
  const elements = [...document.querySelectorAll('coin-list, coin-ticker, coin-price, coin-card, coin-table')];
  const prices = elements.map((element) => [
    element.localName,
    element.shadowRoot?.querySelector('[part~=price]')?.textContent?.trim() ?? '',
  ]);
  const table = document.querySelector('coin-table')?.shadowRoot?.querySelector('tbody tr');
  return {
    elements: elements.length,
    prices,
    tableChanges: [...(table?.querySelectorAll('[part~=change]') ?? [])].map((part) => part.textContent?.trim() ?? ''),
    themes: elements.map((element) => [element.localName, element.getAttribute('theme')]),
    done: elements.length > 0 && prices.every(([, price]) => /^\$[\d,]+\.\d+$/.test(price)),
    hacked: /** @type {any} */ (window).hacked ?? null,
    html: document.documentElement.outerHTML,
  };
}

/**
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} site
 */
async function editor(browser, site) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  try {
    await logIn(page, site);

    const settings = await page.goto(`${site}/wp-admin/options-general.php?page=coin-ticker`, {
      timeout: PAGE_DEADLINE,
    });
    const settingsHtml = (await settings?.text()) ?? '';
    assert(
      settingsHtml.includes('Serve prices through this site'),
      `the settings page is not there: ${settings?.status()} ${page.url()}`,
    );
    assert(!settingsHtml.includes(KEY), 'the settings page shows the key');

    await page.goto(`${site}/wp-admin/post-new.php`, { waitUntil: 'load', timeout: PAGE_DEADLINE });
    await page.waitForFunction(() => /** @type {any} */ (window).wp?.blocks?.getBlockType('coin-ticker/list'), {
      timeout: PAGE_DEADLINE,
    });
    await page.evaluate(() => {
      const { wp } = /** @type {any} */ (window);
      wp.data.dispatch('core/editor').editPost({ title: 'Made in the editor' });
      wp.data.dispatch('core/block-editor').insertBlocks(wp.blocks.createBlock('coin-ticker/list'));
    });
    // The block's settings, in the editor's sidebar: type the coins as an author would.
    const coins = await page.waitForSelector('.block-editor-block-inspector input[type=text]', {
      timeout: PAGE_DEADLINE,
    });
    // Coins no page shows yet: the author's preview adds them to what the site serves.
    await coins?.type('dogecoin,litecoin');
    const canvas = await editorCanvas(page);
    await canvas.waitForFunction(
      () => {
        const list = document.querySelector('coin-list');
        const prices = [...(list?.shadowRoot?.querySelectorAll('[part~=price]') ?? [])].map((p) =>
          p.textContent?.trim(),
        );
        return prices.length === 2 && prices.every((price) => /^\$[\d,]+\.\d+$/.test(price ?? ''));
      },
      { timeout: PAGE_DEADLINE, polling: 100 },
    );
    const shots = path.join(ROOT, 'test/screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'wordpress-editor.png') });

    const saved = await page.evaluate(async () => {
      const { wp } = /** @type {any} */ (window);
      await wp.data.dispatch('core/editor').savePost();
      return wp.data.select('core/editor').getEditedPostContent();
    });
    assert(
      saved.trim() === '<!-- wp:coin-ticker/list {"coins":"dogecoin,litecoin"} /-->',
      `the saved block holds more than the author set: ${saved}`,
    );

    // The inline price, as an author adds one: a paragraph, the toolbar's "Coin price", a coin id.
    await page.evaluate(() => {
      const { wp } = /** @type {any} */ (window);
      const paragraph = wp.blocks.createBlock('core/paragraph', { content: 'Bitcoin is at ' });
      wp.data.dispatch('core/block-editor').insertBlocks(paragraph);
    });
    const text = await canvas.waitForSelector('p.wp-block-paragraph[contenteditable=true]', { timeout: PAGE_DEADLINE });
    await text?.click();
    await page.keyboard.press('End');
    await page.click('.block-editor-block-toolbar button[aria-label="More"]');
    await page.click('.components-dropdown-menu__menu ::-p-text(Coin price)');
    const coin = await page.waitForSelector('.components-modal__content input', { timeout: PAGE_DEADLINE });
    await coin?.type('bitcoin');
    await page.click('.components-modal__content ::-p-text(Insert price)');
    const content = await page.evaluate(() =>
      /** @type {any} */ (window).wp.data.select('core/editor').getEditedPostContent(),
    );
    assert(
      content.includes('<p>Bitcoin is at <span data-coin="bitcoin" class="coin-ticker-price">bitcoin</span></p>'),
      `the inline price is not in the post: ${content}`,
    );
    return `saved ${saved.trim()}; the inline price inserted; screenshot test/screenshots/wordpress-editor.png`;
  } finally {
    await page.close();
  }
}

/**
 * The frame the editor draws blocks in: its iframe when it uses one (all blocks on API version 3), else the page.
 * @param {import('puppeteer-core').Page} page
 */
async function editorCanvas(page) {
  const frame = await page.waitForSelector('iframe[name=editor-canvas]', { timeout: 5_000 }).catch(() => null);
  return (await frame?.contentFrame()) ?? page.mainFrame();
}

async function main() {
  const wanted = process.env.WP_TESTS?.split(',') ?? ['phpunit', 'concurrency', 'browser'];
  if (wanted.includes('phpunit')) {
    setup();
    await check('PHPUnit inside WordPress', async () => {
      const result = spawnSync('phpunit', ['-c', path.join(HERE, 'phpunit.xml')], {
        env: { ...process.env, COIN_TICKER_WP: WP },
        encoding: 'utf8',
      });
      const summary = result.stdout.trim().split('\n').pop();
      if (result.status !== 0) throw new Error(`${result.stdout}${result.stderr}`);
      return summary;
    });
  }
  if (!wanted.includes('concurrency') && !wanted.includes('browser')) return;

  const posts = setup();
  const demo = await createDemoServer({ port: 0, host: '127.0.0.1', seed: 1, slowMs: SLOW_MS, wsRate: 0 });
  const site = await startWordPress(`${demo.url}/api/v3`).catch(async (error) => {
    await demo.close();
    throw error;
  });
  try {
    // On the plugin as the setup installed it (from the same zip), with the settings install.php saved.
    if (wanted.includes('concurrency')) {
      await check('a cold cache under concurrent readers costs one upstream request of each kind', () =>
        concurrency(site.url, demo.url),
      );
    }
    // Everything after this runs on the plugin as an owner installs it.
    if (wanted.includes('browser')) {
      await check('the zip installs through Plugins → Add New → Upload and takes its settings from the form', () =>
        installThroughAdmin(site.url),
      );
    }
    if (wanted.includes('browser')) await browserChecks(demo.url, site.url, posts);
  } finally {
    site.stop();
    await demo.close();
  }
}

try {
  await main();
} catch (error) {
  failed++;
  console.log(`not ok ${/** @type {Error} */ (error).stack}`);
}
console.log(failed ? `wordpress: ${failed} failed` : 'wordpress: all passed');
process.exitCode = failed ? 1 : 0;
