// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COINS, FIAT_RATES } from '../../server/simulator/coins.js';
import { fixture, jsonType, startServer, T0 } from './helpers.js';

const RECORDED = fixture('coins_markets.recorded_2026-02-17_sparkline_pct24h.json')[0];
const OPTIONAL = ['sparkline_in_7d', 'price_change_percentage_24h_in_currency'];
/** Keys of a plain `/coins/markets` entry, in the recorded order. */
const BASE_KEYS = Object.keys(RECORDED).filter((k) => !OPTIONAL.includes(k));
/** Fields the official SDK types as `number | null` that a coin can lack (ETH has no max supply). */
const NULLABLE = ['fully_diluted_valuation', 'total_supply', 'max_supply', 'roi'];

/**
 * The entry has the recorded key set, in order, and each value the recorded JSON type.
 * @param {Record<string, unknown>} entry
 * @param {string[]} keys
 */
function assertRecordedShape(entry, keys) {
  assert.deepEqual(Object.keys(entry), keys);
  for (const key of keys) {
    const type = jsonType(entry[key]);
    const expected = jsonType(RECORDED[key]);
    if (type === 'null' && NULLABLE.includes(key)) continue;
    assert.equal(type, expected, `${entry.id}.${key}`);
  }
}

test('/coins/markets answers known ids in the recorded wire format, unknown ids absent', async (t) => {
  const demo = await startServer(t);
  const { res, body } = await demo.json('/api/v3/coins/markets?vs_currency=usd&ids=bitcoin,ethereum,nope');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(body.length, 2);
  assert.deepEqual(
    body.map((/** @type {any} */ c) => c.id),
    ['bitcoin', 'ethereum'],
  );
  for (const entry of body) assertRecordedShape(entry, BASE_KEYS);

  const [btc, eth] = body;
  assert.equal(btc.current_price, 113422.41);
  assert.equal(eth.current_price, 4157.53);
  assert.equal(btc.symbol, 'btc');
  assert.equal(btc.name, 'Bitcoin');
  assert.equal(btc.market_cap_rank, 1);
  assert.equal(btc.last_updated, new Date(T0).toISOString());
  assert.ok(btc.low_24h <= btc.current_price && btc.current_price <= btc.high_24h);
  assert.ok(Math.abs(btc.price_change_percentage_24h) < 10);
  assert.ok(
    Math.abs(
      btc.price_change_percentage_24h - (btc.price_change_24h / (btc.current_price - btc.price_change_24h)) * 100,
    ) < 1e-4,
  );

  // Logos are served by the simulator itself, at an absolute URL on the host the client used.
  assert.equal(btc.image, `${demo.url}/sim/logos/bitcoin.svg`);
  const logo = await demo.get(new URL(btc.image).pathname);
  assert.equal(logo.status, 200);
  assert.equal(logo.headers.get('content-type'), 'image/svg+xml');
  assert.match(await logo.text(), /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal((await demo.get('/sim/logos/nope.svg')).status, 404);
});

test('sparkline=true adds 168 hourly prices; price_change_percentage adds the _in_currency fields', async (t) => {
  const demo = await startServer(t);
  const { body } = await demo.json(
    '/api/v3/coins/markets?vs_currency=usd&ids=bitcoin&sparkline=true&price_change_percentage=24h',
  );
  const [btc] = body;
  assertRecordedShape(btc, Object.keys(RECORDED));
  const prices = btc.sparkline_in_7d.price;
  assert.equal(prices.length, 168);
  assert.ok(prices.every((/** @type {unknown} */ p) => typeof p === 'number' && p > 0));
  assert.equal(prices.at(-1), btc.current_price);
  assert.ok(Math.abs(btc.price_change_percentage_24h_in_currency - btc.price_change_percentage_24h) < 1e-5);

  const more = (
    await demo.json('/api/v3/coins/markets?vs_currency=usd&ids=bitcoin&price_change_percentage=1h,7d,1y,bogus')
  ).body[0];
  assert.deepEqual(Object.keys(more).slice(BASE_KEYS.length), [
    'price_change_percentage_1h_in_currency',
    'price_change_percentage_7d_in_currency',
    'price_change_percentage_1y_in_currency',
  ]);
});

test('other currencies convert by the fixed rates, btc and eth by their prices', async (t) => {
  const demo = await startServer(t);
  const path = (/** @type {string} */ vs) => `/api/v3/coins/markets?vs_currency=${vs}&ids=bitcoin,monero,shiba-inu`;
  const usd = (await demo.json(path('usd'))).body;
  for (const vs of ['eur', 'gbp', 'jpy', 'EUR']) {
    const { res, body } = await demo.json(path(vs));
    assert.equal(res.status, 200, vs);
    body.forEach((/** @type {any} */ coin, /** @type {number} */ i) => {
      const expected = usd[i].current_price * FIAT_RATES[vs.toLowerCase()];
      assert.ok(Math.abs(coin.current_price - expected) / expected < 1e-7, `${vs} ${coin.id}`);
      assert.notEqual(coin.current_price, usd[i].current_price);
    });
  }
  const btc = (await demo.json(path('btc'))).body;
  const inBtc = Object.fromEntries(btc.map((/** @type {any} */ c) => [c.id, c.current_price]));
  assert.equal(inBtc.bitcoin, 1);
  // Eight significant digits, as CoinGecko sends prices.
  assert.equal(inBtc.monero, Number((291.83 / 113422.41).toPrecision(8)));
});

test('vs_currency missing or unsupported → 400 with CoinGecko error bodies', async (t) => {
  const demo = await startServer(t);
  const invalid = await demo.json('/api/v3/coins/markets?vs_currency=usdt&ids=bitcoin');
  assert.equal(invalid.res.status, 400);
  assert.deepEqual(invalid.body, fixture('error_400_invalid_vs_currency.json'));
  assert.equal(invalid.res.headers.get('access-control-allow-origin'), '*');

  const missing = await demo.json('/api/v3/coins/markets?ids=bitcoin');
  assert.equal(missing.res.status, 400);
  assert.deepEqual(Object.keys(missing.body), Object.keys(fixture('error_400_missing_parameter.json')));
  assert.equal(missing.body.error, 'Missing parameter vs_currency');
});

test('without ids every coin comes in market-cap order; per_page and page slice it', async (t) => {
  const demo = await startServer(t);
  const all = (await demo.json('/api/v3/coins/markets?vs_currency=usd')).body;
  assert.equal(all.length, COINS.length);
  all.forEach((/** @type {any} */ coin, /** @type {number} */ i) => {
    assert.equal(coin.market_cap_rank, i + 1);
    if (i > 0) assert.ok(all[i - 1].market_cap >= coin.market_cap);
  });
  const page2 = (await demo.json('/api/v3/coins/markets?vs_currency=usd&per_page=5&page=2')).body;
  assert.deepEqual(
    page2.map((/** @type {any} */ c) => c.id),
    all.slice(5, 10).map((/** @type {any} */ c) => c.id),
  );
  assert.deepEqual((await demo.json('/api/v3/coins/markets?vs_currency=usd&per_page=5&page=99')).body, []);
  const byId = (await demo.json('/api/v3/coins/markets?vs_currency=usd&order=id_asc&per_page=3')).body;
  assert.deepEqual(
    byId.map((/** @type {any} */ c) => c.id),
    ['ark', 'avalanche-2', 'binancecoin'],
  );
  const bySymbol = (await demo.json('/api/v3/coins/markets?vs_currency=usd&symbols=doge,xmr')).body;
  assert.deepEqual(
    bySymbol.map((/** @type {any} */ c) => c.id),
    ['dogecoin', 'monero'],
  );
});

test('prices move as the market ticks', async (t) => {
  const demo = await startServer(t);
  const path = '/api/v3/coins/markets?vs_currency=usd&ids=bitcoin';
  const [before] = (await demo.json(path)).body;
  demo.clock.now += 2000;
  demo.market.tick();
  const [after] = (await demo.json(path)).body;
  assert.notEqual(after.current_price, before.current_price);
  assert.equal(after.last_updated, new Date(T0 + 2000).toISOString());
  // A 2 s step is small: well under a percent.
  assert.ok(Math.abs(after.current_price / before.current_price - 1) < 0.01);
});

test('/ping, /simple/price and /simple/supported_vs_currencies', async (t) => {
  const demo = await startServer(t);
  assert.deepEqual((await demo.json('/api/v3/ping')).body, { gecko_says: '(V3) To the Moon!' });

  const { body } = await demo.json(
    '/api/v3/simple/price?ids=bitcoin,nope&vs_currencies=usd,eur&include_24hr_change=true&include_last_updated_at=true',
  );
  assert.deepEqual(Object.keys(body), ['bitcoin']);
  assert.deepEqual(Object.keys(body.bitcoin), ['usd', 'usd_24h_change', 'eur', 'eur_24h_change', 'last_updated_at']);
  assert.equal(body.bitcoin.usd, 113422.41);
  assert.equal(body.bitcoin.last_updated_at, Math.floor(T0 / 1000));

  const plain = (await demo.json('/api/v3/simple/price?ids=bitcoin&vs_currencies=usd')).body;
  assert.deepEqual(plain, { bitcoin: { usd: 113422.41 } });

  const missing = await demo.json('/api/v3/simple/price?ids=bitcoin');
  assert.equal(missing.res.status, 400);
  assert.deepEqual(missing.body, fixture('error_400_missing_parameter.json'));

  const currencies = (await demo.json('/api/v3/simple/supported_vs_currencies')).body;
  assert.ok(currencies.includes('usd') && currencies.includes('btc') && !currencies.includes('usdt'));

  assert.equal((await demo.get('/api/v3/nope')).status, 404);
});

test('CORS: any origin reads the API, preflights allow the CoinGecko key headers', async (t) => {
  const demo = await startServer(t);
  const res = await demo.get('/api/v3/coins/markets?vs_currency=usd&ids=bitcoin', {
    headers: { origin: 'https://blog.example', 'x-cg-demo-api-key': 'CG-test' },
  });
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  await res.body?.cancel();

  const preflight = await demo.get('/api/v3/coins/markets?vs_currency=usd', {
    method: 'OPTIONS',
    headers: {
      origin: 'https://blog.example',
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'x-cg-demo-api-key',
    },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
  assert.ok(allowed.includes('x-cg-demo-api-key') && allowed.includes('x-cg-pro-api-key'));
  assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /\bGET\b/);

  // The simulator records the key it was sent, so a test can check the element sends it.
  const state = (await demo.json('/sim/state')).body;
  assert.equal(state.lastMarketsRequest.demoKey, 'CG-test');
  assert.equal(state.marketsRequests, 1);
});
