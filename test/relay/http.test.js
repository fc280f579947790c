// @ts-check
// The relay's HTTP side against the market simulator: the CoinGecko-compatible snapshot (read by the package's own
// `coingecko` feed, unchanged), its caching and CORS headers, what it leaves out, /healthz and /metrics.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coingecko } from '../../dist/npm/feeds/coingecko.js';
import { isCoinId } from '../../dist/npm/core/coin-id.js';
import { parseCoins } from '../../dist/npm/core/request.js';
import { CACHE_CONTROL } from '../../server/relay/http.js';
import { snapshotContext, startRelay, startServer, until } from './helpers.js';

const MARKETS = '/api/v3/coins/markets?vs_currency=usd&ids=bitcoin,ethereum,pirate-chain';

/**
 * A relay whose usd store has priced bitcoin, ethereum and pirate-chain, after a first snapshot request asked.
 * @param {import('node:test').TestContext} t
 * @param {Parameters<typeof startRelay>[2]} [options]
 */
async function warm(t, options) {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim, options);
  // The first request for these coins waits for the relay's one upstream request, and is answered with its prices.
  const first = await relay.get(MARKETS);
  assert.equal(first.status, 200);
  assert.deepEqual(
    (await first.json()).map((/** @type {any} */ item) => item.id),
    ['bitcoin', 'ethereum', 'pirate-chain'],
  );
  // Kraken's ticks land; past the rebuild gap, the next answer is built from them.
  await until(() => !!relay.usd.store?.live, 'live ticks');
  relay.clock.advance(1000);
  return { sim, relay };
}

test("the snapshot is CoinGecko's /coins/markets: the coingecko feed reads it unchanged", async (t) => {
  const { relay } = await warm(t);
  /** @type {any[]} */
  const received = [];
  /** @type {string[]} */
  const statuses = [];
  const feed = coingecko(
    snapshotContext(relay, {
      onQuotes: (quotes) => received.push(...quotes),
      onStatus: (status) => statuses.push(status),
      onUnknown: () => assert.fail('every coin is known'),
      onTop: () => {},
    }),
  );
  t.after(() => feed.close());
  feed.want({ ids: ['bitcoin', 'ethereum', 'pirate-chain'] });
  await until(() => received.length === 3, 'the feed to read the answer');
  assert.deepEqual(statuses, ['live']);
  for (const quote of received) {
    const held = relay.usd.store?.quotes.get(quote.id);
    assert.equal(quote.price, held?.price);
    assert.equal(quote.name, held?.name);
    assert.equal(quote.image, held?.image);
    assert.equal(quote.change24h, held?.change24h);
    assert.equal(quote.source, 'coingecko');
  }
});

test('Cache-Control for any CDN, an ETag, and 304 for a matching If-None-Match', async (t) => {
  const { relay } = await warm(t);
  const res = await relay.get(MARKETS);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), CACHE_CONTROL);
  assert.match(CACHE_CONTROL, /^public, max-age=\d+, stale-while-revalidate=\d+$/);
  assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  const etag = res.headers.get('etag');
  assert.match(String(etag), /^"[\w-]+"$/);
  const body = await res.json();
  assert.deepEqual(
    body.map((/** @type {any} */ item) => item.id),
    ['bitcoin', 'ethereum', 'pirate-chain'],
  );
  assert.equal(body[0].symbol, 'btc');
  assert.equal(typeof body[0].current_price, 'number');
  assert.equal(typeof body[0].price_change_percentage_24h, 'number');
  assert.ok(!('sparkline_in_7d' in body[0]));

  const again = await relay.get(MARKETS, { headers: { 'if-none-match': String(etag) } });
  assert.equal(again.status, 304);
  assert.equal(again.headers.get('etag'), etag);
  assert.equal(await again.text(), '');

  const history = await (await relay.get(`${MARKETS}&sparkline=true`)).json();
  assert.ok(history[0].sparkline_in_7d.price.length > 100, '7-day history on request');
});

test('ids the relay does not have or may not serve are left out; none servable is a 400 with a reason', async (t) => {
  const { relay } = await warm(t, { coins: ['bitcoin', 'ethereum', 'pirate-chain'] });
  const mixed = await relay.get('/api/v3/coins/markets?vs_currency=usd&ids=bitcoin,dogecoin,NOT%20AN%20ID,ethereum');
  assert.equal(mixed.status, 200);
  assert.deepEqual(
    (await mixed.json()).map((/** @type {any} */ item) => item.id),
    ['bitcoin', 'ethereum'],
  );
  const none = await relay.get('/api/v3/coins/markets?vs_currency=usd&ids=dogecoin,%3Cscript%3E');
  assert.equal(none.status, 400);
  assert.match((await none.json()).error, /none of these ids/);
  const currency = await relay.get('/api/v3/coins/markets?vs_currency=gbp&ids=bitcoin');
  assert.equal(currency.status, 400);
  // The coingecko feed reads this as a currency it will never get, and stops asking.
  assert.match((await currency.json()).error, /invalid vs_currency/);
  // No ids asks for the top 100, which an allowlist refuses; an empty list names nothing servable.
  for (const query of ['', '&ids=']) {
    const missing = await relay.get(`/api/v3/coins/markets?vs_currency=usd${query}`);
    assert.equal(missing.status, 400);
  }
});

test('past --max-coins, new ids are left out of the answer and never asked of upstream', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim, { maxCoins: 2 });
  const res = await relay.get('/api/v3/coins/markets?vs_currency=usd&ids=bitcoin,ethereum,dogecoin');
  assert.equal(res.status, 200);
  await until(() => !!relay.usd.store?.quotes.has('ethereum'), 'prices');
  const { lastMarketsRequest } = await (await sim.get('/sim/state')).json();
  assert.doesNotMatch(lastMarketsRequest.query, /dogecoin/);
  assert.equal(relay.upstream.coinCount, 2);
});

test('CORS: only the allowed page origins may read the snapshot', async (t) => {
  const { relay } = await warm(t, { origins: ['https://good.example'] });
  const good = await relay.get(MARKETS, { headers: { origin: 'https://good.example' } });
  assert.equal(good.headers.get('access-control-allow-origin'), 'https://good.example');
  assert.match(String(good.headers.get('vary')), /Origin/);
  const bad = await relay.get(MARKETS, { headers: { origin: 'https://evil.example' } });
  assert.equal(bad.headers.get('access-control-allow-origin'), null);
  const preflight = await relay.get(MARKETS, { method: 'OPTIONS', headers: { origin: 'https://good.example' } });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://good.example');
});

test('/healthz tells upstream status as JSON; /metrics is Prometheus text', async (t) => {
  const { relay } = await warm(t);
  const health = await (await relay.get('/healthz')).json();
  assert.equal(health.ok, true);
  assert.equal(health.feed, 'auto');
  assert.equal(health.currencies.usd.status, 'live');
  assert.equal(health.currencies.usd.coins, 3);
  assert.equal(health.currencies.eur.status, 'idle');

  const res = await relay.get('/metrics');
  assert.match(String(res.headers.get('content-type')), /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  for (const line of [
    /^coin_ticker_relay_clients 0$/m,
    /^coin_ticker_relay_subscriptions\{currency="usd"\} 0$/m,
    /^coin_ticker_relay_upstream_up\{currency="usd",status="live"\} 1$/m,
    /^coin_ticker_relay_upstream_messages_total\{currency="usd"\} [1-9]\d*$/m,
    /^coin_ticker_relay_messages_sent_total 0$/m,
    /^coin_ticker_relay_dropped_clients_total\{reason="slow"\} 0$/m,
    /^coin_ticker_relay_http_requests_total\{route="snapshot"\} 1$/m,
    /^process_resident_memory_bytes \d+$/m,
    /^process_cpu_seconds_total [\d.]+$/m,
  ])
    assert.match(text, line);
  // Every sample is `name{labels} value` under its HELP and TYPE.
  for (const sample of text.split('\n').filter((l) => l && !l.startsWith('#')))
    // Values as Go's ParseFloat reads them, which Prometheus uses: a small delay comes as 5.11e-7.
    assert.match(sample, /^[a-z_0-9]+(\{[a-z]+="[\w-]+"(,[a-z]+="[\w-]+")*\})? [\d.]+(e[+-]?\d+)?$/);
});

test('one rule for coin ids, in core/: the elements and the relay accept and refuse the same ids', () => {
  for (const id of ['bitcoin', 'pirate-chain', '0x', 'a'.repeat(100)]) assert.ok(isCoinId(id), id);
  for (const id of ['', 'Bitcoin', 'usd.coin', 'a_b', 'a'.repeat(101), '<script>', 'bitcoin ', '__proto__', '-x'])
    assert.ok(!isCoinId(id), id);
  assert.deepEqual(parseCoins('bitcoin, pirate-chain usd.coin a_b'), ['bitcoin', 'pirate-chain']);
});
