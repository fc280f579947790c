// @ts-check
// The package as a developer gets it from npm, imported in Node: for server-side formatting, or the relay.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('importing the package in Node does not throw, and formats', async () => {
  const pkg = await import('coin-ticker');
  assert.equal(pkg.formatPrice(113422.41, { locale: 'en-US' }), '$113,422.41');
  assert.equal(pkg.formatPrice(0.00001234, { locale: 'en-US' }), '$0.0₄1234');
  assert.equal(pkg.formatChange(-0.33, { locale: 'en-US' }), '-0.33%');
  assert.equal(typeof pkg.CoinList, 'function');
  assert.equal(typeof pkg.configure, 'function');
});

test('importing coin-ticker/define in Node, as a server rendering the page does, does not throw', async () => {
  await import('coin-ticker/define');
  assert.equal(typeof globalThis.customElements, 'undefined');
});

test('the CoinGecko feed runs in Node with an injected fetch', async () => {
  const { coingecko } = await import('coin-ticker');
  /** @type {string[]} */
  const asked = [];
  const statuses = /** @type {string[]} */ ([]);
  /** @type {(value?: unknown) => void} */
  let done = () => {};
  const reported = new Promise((resolve) => (done = resolve));
  const feed = coingecko({
    currency: 'usd',
    interval: () => 60,
    fetch: async (url) => {
      asked.push(String(url));
      return new Response('[]');
    },
    clock: { now: () => 0, monotonic: () => 0, setTimeout: () => 0, clearTimeout: () => {} },
    onQuotes: () => {},
    onStatus: (status) => {
      statuses.push(status);
      done();
    },
    onUnknown: () => {},
  });
  feed.want(['bitcoin']);
  await reported;
  feed.close();
  assert.deepEqual(asked, ['https://api.coingecko.com/api/v3/coins/markets?vs_currency=usd&ids=bitcoin&per_page=250']);
  assert.deepEqual(statuses, ['live']);
});

test('coin-ticker/define and coin-ticker/elements/*.js resolve', async () => {
  assert.equal(import.meta.resolve('coin-ticker/define').endsWith('/dist/npm/define.js'), true);
  assert.equal(import.meta.resolve('coin-ticker/elements/coin-list.js').endsWith('/dist/npm/elements/coin-list.js'), true);
});

test('coin-ticker/elements/coin-price.js pulls in no tape, card or chart code', async () => {
  const { readFile } = await import('node:fs/promises');
  const { fileURLToPath } = await import('node:url');
  const seen = new Set();
  /** @param {string} url */
  async function walk(url) {
    if (seen.has(url) || !url.startsWith('file:') || url.includes('/node_modules/')) return;
    seen.add(url);
    const source = await readFile(fileURLToPath(url), 'utf8');
    for (const [, specifier] of source.matchAll(/^(?:import|export)\s[^'"]*?['"]([^'"]+)['"]/gm)) {
      if (specifier.startsWith('.')) await walk(new URL(specifier, url).href);
    }
  }
  await walk(import.meta.resolve('coin-ticker/elements/coin-price.js'));
  const files = [...seen].map((url) => url.replace(/.*\/dist\/npm\//, ''));
  assert.ok(files.includes('elements/coin-price.js'));
  assert.ok(files.includes('elements/parts.js'));
  for (const heavy of ['elements/coin-ticker.js', 'elements/coin-card.js', 'elements/sparkline.js', 'elements/coin-list.js']) {
    assert.ok(!files.includes(heavy), `${heavy} is reached from coin-price.js`);
  }
});
