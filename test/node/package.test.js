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
  // Lit's Node build brings the DOM shim Lit SSR renders with; the elements are registered there.
  assert.equal(globalThis.customElements?.get('coin-list')?.name, 'CoinList');
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
    onTop: () => {},
  });
  feed.want({ ids: ['bitcoin'] });
  await reported;
  feed.close();
  assert.deepEqual(asked, ['https://api.coingecko.com/api/v3/coins/markets?vs_currency=usd&ids=bitcoin&per_page=250']);
  assert.deepEqual(statuses, ['live']);
});

test('the entries resolve, and the internals behind them do not', async () => {
  assert.equal(import.meta.resolve('coin-ticker/define').endsWith('/dist/npm/define.js'), true);
  assert.equal(
    import.meta.resolve('coin-ticker/elements/coin-list.js').endsWith('/dist/npm/elements/coin-list.js'),
    true,
  );
  assert.equal(import.meta.resolve('coin-ticker/feeds/kraken.js').endsWith('/dist/npm/register/kraken.js'), true);
  assert.equal(import.meta.resolve('coin-ticker/bundle').endsWith('/dist/coin-ticker.min.js'), true);
  for (const internal of [
    'coin-ticker/elements/coin-element.js',
    'coin-ticker/elements/parts.js',
    'coin-ticker/elements/theme.styles.js',
  ]) {
    assert.throws(() => import.meta.resolve(internal), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' }, internal);
  }
});

test('an app with <coin-price> and the coingecko feed alone carries no socket, exchange, tape, card or list code', async () => {
  const { bundleApp } = await import('../../bench/app-size.js');
  const { modules } = await bundleApp('coin-price');
  assert.ok(modules.includes('dist/npm/elements/coin-price.js'));
  assert.ok(modules.includes('dist/npm/feeds/coingecko.js'));
  const heavy = modules.filter((id) =>
    /socket|exchange|listings|kraken|coinbase|binance|auto|json|coin-(ticker|card|list)|sparkline/.test(id),
  );
  assert.deepEqual(heavy, []);
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
  for (const heavy of [
    'elements/coin-ticker.js',
    'elements/coin-card.js',
    'elements/coin-table.js',
    'elements/sparkline.js',
    'elements/coin-list.js',
  ]) {
    assert.ok(!files.includes(heavy), `${heavy} is reached from coin-price.js`);
  }
});

test('coin-ticker/react gives the five elements as React components, and React reaches neither bundle', async () => {
  const react = await import('coin-ticker/react');
  assert.deepEqual(Object.keys(react).sort(), ['CoinCard', 'CoinList', 'CoinPrice', 'CoinTable', 'CoinTicker']);
  assert.equal(react.CoinList.displayName, 'CoinList');
  const { readFile } = await import('node:fs/promises');
  for (const bundle of ['dist/coin-ticker.min.js', 'dist/coin-ticker.iife.min.js']) {
    const code = await readFile(new URL(`../../${bundle}`, import.meta.url), 'utf8');
    // @lit/react's wrapper is a forwardRef component that listens in a layout effect.
    assert.ok(!/forwardRef|useLayoutEffect/.test(code), bundle);
  }
});
