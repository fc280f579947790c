// @ts-check
// Hostile feed data, generated (issue 18): every adapter's wire format and the cache, fed values of every wrong type,
// sign, size and script, through the built package's store as a page runs it. For any input nothing throws, and every
// quote the store keeps holds to the Quote contract, written out again here rather than imported.
// Seeded and `FUZZ_RUNS` (default 200) runs per property; `npm run fuzz` runs 5,000.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { WebSocket, WebSocketServer } from 'ws';

const { configure, registerFeed } = await import('coin-ticker');
for (const feed of ['coingecko', 'json', 'kraken', 'coinbase', 'binance', 'relay'])
  await import(`coin-ticker/feeds/${feed}.js`);
// The store is not public: the elements reach it through their controller, the relay through the package's files.
const { subscribe } = await import('../../dist/npm/core/store.js');

const RUNS = Number(process.env.FUZZ_RUNS) || 200;
const SEED = Number(process.env.FUZZ_SEED) || 18;
const settings = { numRuns: RUNS, seed: SEED };

const fixture = async (/** @type {string} */ path) =>
  JSON.parse(await readFile(new URL(`../fixtures/feeds/${path}`, import.meta.url), 'utf8'));

/** @typedef {import('coin-ticker').Quote} Quote */

/** Controls, lone surrogates, zero-width and bidi marks: none may reach a name or symbol. */
const HIDDEN = /[\p{Cc}\p{Cs}\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
const amount = (/** @type {unknown} */ v) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);

/** The Quote contract (README, "Reliability"), as a list of what a quote breaks: empty when it holds. */
function broken(/** @type {Quote} */ q, /** @type {number} */ now) {
  const text = (/** @type {unknown} */ s, /** @type {number} */ max) =>
    typeof s === 'string' && s.length > 0 && [...s].length <= max && !HIDDEN.test(s);
  /** @type {Record<string, boolean>} */
  const rules = {
    id: typeof q.id === 'string' && q.id.length > 0,
    name: text(q.name, 64),
    symbol: text(q.symbol, 16) && q.symbol === q.symbol.toUpperCase(),
    price: typeof q.price === 'number' && amount(q.price),
    change24h: q.change24h === null || Number.isFinite(q.change24h),
    high24h: amount(q.high24h),
    low24h: amount(q.low24h),
    range: !(q.high24h !== undefined && q.low24h !== undefined && q.high24h < q.low24h),
    volume24h: amount(q.volume24h),
    marketCap: amount(q.marketCap),
    rank: q.rank === undefined || (Number.isInteger(q.rank) && q.rank > 0),
    change7d: q.change7d === undefined || q.change7d === null || Number.isFinite(q.change7d),
    sparkline: q.sparkline === undefined || (Array.isArray(q.sparkline) && q.sparkline.every((p) => amount(p))),
    image: q.image === undefined || (typeof q.image === 'string' && /^https?:\/\//i.test(q.image)),
    updatedAt: Number.isFinite(q.updatedAt) && q.updatedAt <= now,
    currency: typeof q.currency === 'string',
    source: typeof q.source === 'string',
  };
  return Object.keys(rules).filter((rule) => !rules[rule]);
}

/** Quotes checked so far: a property that never met one would prove nothing. */
let checked = 0;
/** Runs `property` and fails unless its runs left quotes to check. */
async function checking(/** @type {() => Promise<void> | void} */ property) {
  const before = checked;
  await property();
  assert.ok(checked > before, 'some runs left quotes to check');
}

/** Every quote a store holds keeps the contract. */
function assertContract(/** @type {{ quotes: Map<string, Quote>, error?: { kind: string } }} */ store) {
  assert.notEqual(store.error?.kind, 'feed', 'the feed is registered');
  const now = Date.now();
  for (const quote of store.quotes.values()) {
    assert.deepEqual(broken(quote, now), [], `the contract, for ${JSON.stringify(quote).slice(0, 300)}`);
    checked++;
  }
}

/** A store's ranking holds coin ids only, no more than the top asked for, whatever a feed sent as one. */
function assertRanking(/** @type {{ top: readonly unknown[] }} */ store, top = 0) {
  assert.ok(store.top.length <= top, `at most ${top} ranked, not ${store.top.length}`);
  for (const id of store.top) assert.match(String(id), /^[a-z0-9][a-z0-9-]{0,99}$/, JSON.stringify(id));
  assert.equal(new Set(store.top).size, store.top.length, `each coin ranked once: ${store.top}`);
}

/** Text a feed might send for a name or a symbol: bidi overrides, controls, zero-width joiners, scripts, floods. */
const hostileText = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      'a',
      'Z',
      ' ',
      '₿',
      '比',
      'ب',
      '\u202e',
      '\u2066',
      '\u200b',
      '\ufeff',
      '\0',
      '\n',
      '\ud800',
      '🚀',
    ),
    maxLength: 40,
  }),
  fc.string({ minLength: 65, maxLength: 400 }),
  fc.constant('x'.repeat(100_000)),
  fc.constant(''),
);

/** A value where a number belongs: negatives, zero, floods of digits, strings, nulls, objects. */
const hostileNumber = fc.oneof(
  fc.double({ noNaN: true }),
  fc.integer({ min: -1e9, max: -1 }),
  // Undefined leaves the field out of the JSON: a missing field is a case of its own.
  fc.constantFrom(
    0,
    -0,
    1e308,
    Number.MAX_SAFE_INTEGER,
    '1e400',
    '-5',
    'NaN',
    'Infinity',
    '',
    ' ',
    null,
    true,
    undefined,
  ),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** The recorded value, or a hostile one of either kind: about half of every field stays plausible. */
const field = (/** @type {unknown} */ recorded, /** @type {fc.Arbitrary<unknown>} */ hostile) =>
  fc.oneof(fc.constant(recorded), hostile);

const record = (/** @type {Record<string, fc.Arbitrary<unknown>>} */ model) => fc.record(model);

const hostileImage = fc.oneof(
  fc.constantFrom(
    'javascript:alert(1)',
    'data:image/png;base64,AAAA',
    '//evil.example/x.png',
    'http://ok.example/x.png',
  ),
  fc.webUrl(),
  fc.constant(`https://x.example/${'a'.repeat(5000)}`),
  hostileText,
);

/** A quiet page: always active, no storage unless a test gives one. */
const page = { activity: { active: () => true, watch: () => () => {} }, storage: null };

/**
 * Subscribes to `feed` for these coins and resolves with the store once `done(store)` holds, re-checked whenever the
 * store tells its subscriber anything; rejects if the feed threw where nothing could catch it.
 * @param {Partial<import('../../dist/npm/core/store.js').QuoteRequest>} request
 * @param {(store: any) => boolean} done
 */
async function watch(request, done) {
  /** @type {(reason: unknown) => void} */
  let fail = () => {};
  const failed = new Promise((_, reject) => (fail = reject));
  process.on('unhandledRejection', fail);
  /** @type {() => void} */
  let wake = () => {};
  const subscription = subscribe(
    { ids: ['bitcoin', 'ethereum'], feed: 'coingecko', currency: 'usd', interval: 60, ...request },
    () => wake(),
  );
  try {
    while (!done(subscription.store)) await Promise.race([new Promise((resolve) => (wake = () => resolve(0))), failed]);
    return subscription;
  } finally {
    process.off('unhandledRejection', fail);
  }
}

describe('hostile answers over HTTP, through the store', () => {
  const server = setupServer();
  /** @type {unknown} */
  let body;
  let raw = false;

  before(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    server.use(
      http.get('http://127.0.0.1:9/*', () =>
        raw
          ? new HttpResponse(String(body), { headers: { 'content-type': 'application/json' } })
          : HttpResponse.json(body),
      ),
    );
    configure({ ...page, endpoints: {} });
  });
  after(() => server.close());

  /** One answer to one store's first poll: resolves once the store has a status, the poll's last word. */
  async function answer(/** @type {unknown} */ next, /** @type {Record<string, unknown>} */ request, isRaw = false) {
    body = next;
    raw = isRaw;
    const subscription = await watch(request, (store) => store.status !== 'loading');
    assertContract(subscription.store);
    subscription.unsubscribe();
  }

  test('CoinGecko /coins/markets: any items, any body', async () => {
    const [btc] = await fixture('coingecko/coins_markets.recorded_2026-02-17_sparkline_pct24h.json');
    const item = record({
      id: fc.constantFrom('bitcoin', 'ethereum', 'bitcoin', 'dogecoin'),
      symbol: field(btc.symbol, hostileText),
      name: field(btc.name, hostileText),
      image: field(btc.image, hostileImage),
      current_price: field(btc.current_price, hostileNumber),
      price_change_percentage_24h: field(btc.price_change_percentage_24h, hostileNumber),
      high_24h: field(btc.high_24h, hostileNumber),
      low_24h: field(btc.low_24h, hostileNumber),
      total_volume: field(btc.total_volume, hostileNumber),
      market_cap: field(btc.market_cap, hostileNumber),
      market_cap_rank: field(btc.market_cap_rank, hostileNumber),
      price_change_percentage_7d_in_currency: field(2.5, hostileNumber),
      last_updated: field(btc.last_updated, fc.oneof(fc.date({ noInvalidDate: false }).map(String), hostileText)),
      sparkline_in_7d: field(
        btc.sparkline_in_7d,
        fc.oneof(fc.record({ price: fc.array(hostileNumber, { maxLength: 10 }) }), fc.jsonValue({ maxDepth: 2 })),
      ),
    });
    const request = { feed: 'coingecko', endpoint: 'http://127.0.0.1:9/api/v3', sparkline: true };
    await checking(() =>
      fc.assert(
        fc.asyncProperty(fc.oneof(fc.array(item, { maxLength: 4 }), fc.jsonValue()), (items) => answer(items, request)),
        settings,
      ),
    );
    // Bodies that are not JSON at all: a CDN's error page, a cut-off answer.
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constant('[{"id":"bitcoin","current_price":1')), (text) =>
        answer(text, request, true),
      ),
      settings,
    );
  });

  test('the json feed: CoinGecko /simple/price and its own array', async () => {
    const simple = await fixture('coingecko/simple_price.docs_example.json');
    const prices = fc.dictionary(
      fc.constantFrom('bitcoin', 'ethereum', '__proto__', 'constructor'),
      fc.oneof(
        record({ usd: field(simple.bitcoin?.usd ?? 1, hostileNumber), usd_24h_change: hostileNumber }),
        fc.jsonValue({ maxDepth: 2 }),
      ),
    );
    const rows = fc.array(
      record({
        id: fc.oneof(fc.constantFrom('bitcoin', 'ethereum'), hostileText),
        symbol: hostileText,
        name: hostileText,
        image: hostileImage,
        price: hostileNumber,
        change24h: hostileNumber,
      }),
      { maxLength: 4 },
    );
    const request = { feed: 'json', endpoint: 'http://127.0.0.1:9/prices.json' };
    await checking(() =>
      fc.assert(
        fc.asyncProperty(fc.oneof(prices, rows, fc.jsonValue()), (next) => answer(next, request)),
        settings,
      ),
    );
  });
});

describe('hostile exchange and relay frames over a socket, through the store', () => {
  /** @type {WebSocketServer} */
  let wss;
  /** The page's socket on the server's side, once the feed has subscribed. */
  /** @type {import('ws').WebSocket | undefined} */
  let peer;
  /** @type {() => void} */
  let handled = () => {};

  /** `ws` with a listener that goes first: once it has run and the current task is over, the feed has the frame. */
  class Counted extends WebSocket {
    constructor(/** @type {string} */ url) {
      super(url);
      this.on('message', () => setImmediate(() => handled()));
    }
  }

  before(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => wss.once('listening', resolve));
    configure({ ...page, WebSocket: /** @type {any} */ (Counted), endpoints: {} });
  });
  after(async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise((resolve) => wss.close(resolve));
  });

  /**
   * One store on one exchange for every run of the property, so each frame meets the quotes the ones before it left.
   * @param {string} feed
   * @param {string} endpoint
   * @param {fc.Arbitrary<unknown>} frame
   * @param {number} [top] the top the store asks for besides bitcoin and ethereum
   */
  async function frames(feed, endpoint, frame, top) {
    peer = undefined;
    const subscribed = new Promise((resolve) =>
      wss.once('connection', (socket) => socket.once('message', () => resolve((peer = socket)))),
    );
    const subscription = subscribe(
      { ids: ['bitcoin', 'ethereum'], feed, endpoint, currency: 'usd', interval: 60, top },
      () => {},
    );
    await subscribed;
    /** @type {(reason: unknown) => void} */
    let fail = () => {};
    process.on('unhandledRejection', (fail = (reason) => assert.fail(String(reason))));
    try {
      await checking(() =>
        fc.assert(
          fc.asyncProperty(fc.oneof({ arbitrary: frame, weight: 4 }, fc.jsonValue(), fc.string()), async (message) => {
            const read = new Promise((resolve, reject) => {
              handled = () => resolve(0);
              peer?.once('close', () =>
                reject(new Error(`the feed closed its socket after ${JSON.stringify(message)}`)),
              );
            });
            peer?.send(typeof message === 'string' ? message : JSON.stringify(message));
            await read;
            assertContract(subscription.store);
            // The store asks for enough to leave `top` coins besides the two named.
            assertRanking(subscription.store, top && top + 2);
          }),
          // Each frame meets what the ones before it left: a shrunk sequence would not replay it.
          { ...settings, endOnFailure: true },
        ),
      );
    } finally {
      process.off('unhandledRejection', fail);
      subscription.unsubscribe();
    }
  }

  const url = () => `ws://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (wss.address()).port}`;

  test('Kraken v2 ticker', async () => {
    const snapshot = await fixture('kraken/v2_ticker_snapshot.recorded_2026-03-15.json');
    const [tick] = snapshot.data;
    const frame = record({
      channel: fc.constant('ticker'),
      type: fc.constantFrom('snapshot', 'update'),
      data: fc.array(
        record({
          symbol: fc.constantFrom('BTC/USD', 'ETH/USD', 'XBT/USD'),
          last: field(tick.last, hostileNumber),
          change_pct: field(tick.change_pct, hostileNumber),
          high: field(tick.high, hostileNumber),
          low: field(tick.low, hostileNumber),
          volume: field(tick.volume, hostileNumber),
        }),
        { maxLength: 3 },
      ),
    });
    await frames('kraken', url(), frame);
  });

  test('Coinbase Exchange ticker', async () => {
    const tick = await fixture('coinbase/exchange_ws_ticker.recorded_2025-06-06.json');
    const frame = record({
      type: fc.constant('ticker'),
      product_id: fc.constantFrom('BTC-USD', 'ETH-USD', 'BTC-EUR'),
      price: field(tick.price, hostileNumber),
      open_24h: field(tick.open_24h, hostileNumber),
      high_24h: field(tick.high_24h, hostileNumber),
      low_24h: field(tick.low_24h, hostileNumber),
      volume_24h: field(tick.volume_24h, hostileNumber),
    });
    await frames('coinbase', url(), frame);
  });

  test('Binance combined-stream ticker', async () => {
    const { data } = await fixture('binance/ws_ticker.combined.docs_example.json');
    const frame = record({
      stream: fc.constantFrom('btcusdt@ticker', 'ethusdt@ticker', 'bnbbtc@ticker'),
      data: record({
        e: fc.constant('24hrTicker'),
        c: field(data.c, hostileNumber),
        P: field(data.P, hostileNumber),
        h: field(data.h, hostileNumber),
        l: field(data.l, hostileNumber),
        v: field(data.v, hostileNumber),
      }),
    });
    await frames('binance', url(), frame);
  });

  test("the relay's rankings, snapshots, quotes, status, stale and unknown messages", async () => {
    const [btc] = await fixture('coingecko/coins_markets.recorded_2026-02-17_sparkline_pct24h.json');
    const ranked = fc.constantFrom('ripple', 'tether', 'solana');
    const quote = record({
      // Ranked coins are quoted once a ranking names them, and only then.
      id: fc.oneof(fc.constantFrom('bitcoin', 'ethereum', 'bitcoin'), ranked),
      symbol: field('BTC', hostileText),
      name: field('Bitcoin', hostileText),
      image: field(btc.image, hostileImage),
      price: field(btc.current_price, hostileNumber),
      change24h: field(btc.price_change_percentage_24h, hostileNumber),
      currency: field('usd', hostileNumber),
      updatedAt: field(Date.parse(btc.last_updated), hostileNumber),
      source: field('kraken', hostileNumber),
      high24h: field(btc.high_24h, hostileNumber),
      low24h: field(btc.low_24h, hostileNumber),
      volume24h: field(btc.total_volume, hostileNumber),
      marketCap: field(btc.market_cap, hostileNumber),
    });
    const error = fc.oneof(
      record({
        kind: fc.oneof(fc.constantFrom('rate-limit', 'network'), hostileText),
        message: hostileText,
        source: hostileText,
        detail: hostileText,
        retryAt: hostileNumber,
      }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const coins = fc.array(fc.oneof(fc.constantFrom('bitcoin', 'ethereum'), ranked, hostileText), { maxLength: 3 });
    const message = fc.oneof(
      record({
        type: fc.constant('top'),
        currency: field('usd', hostileNumber),
        coins: fc.oneof(
          fc.array(fc.oneof(fc.constantFrom('bitcoin', 'ethereum'), ranked, hostileText, hostileNumber), {
            maxLength: 6,
          }),
          hostileNumber,
        ),
      }),
      {
        arbitrary: record({
          type: fc.constantFrom('snapshot', 'quotes'),
          currency: field('usd', hostileNumber),
          quotes: fc.array(quote, { maxLength: 3 }),
        }),
        weight: 4,
      },
      record({
        type: fc.constant('status'),
        status: fc.oneof(fc.constantFrom('live', 'stale', 'error'), hostileText),
        error,
        live: fc.boolean(),
      }),
      record({
        type: fc.constantFrom('stale', 'unknown', 'error'),
        coins,
        error,
        unlistedOn: hostileText,
        message: hostileText,
      }),
    );
    await frames('relay', url().replace(/^ws/, 'http'), message, 3);
  });
});

describe('the cache, edited or foreign', () => {
  test('any stored text paints only quotes that keep the contract', async () => {
    registerFeed('idle', () => ({ want() {}, setActive() {}, close() {} }));
    const now = Date.now();
    const quote = record({
      id: fc.oneof(fc.constantFrom('bitcoin', 'ethereum'), hostileText, hostileNumber),
      symbol: hostileText,
      name: hostileText,
      image: hostileImage,
      price: hostileNumber,
      change24h: hostileNumber,
      currency: fc.oneof(fc.constant('usd'), hostileNumber),
      updatedAt: fc.oneof(fc.integer({ min: now - 90_000_000, max: now + 60_000 }), hostileNumber),
      source: fc.oneof(fc.constant('coingecko'), hostileNumber),
      high24h: hostileNumber,
      low24h: hostileNumber,
      volume24h: hostileNumber,
      marketCap: hostileNumber,
      rank: hostileNumber,
      change7d: hostileNumber,
      sparkline: fc.array(hostileNumber, { maxLength: 4 }),
    });
    const stored = fc.oneof(
      fc.array(quote, { maxLength: 4 }).map((quotes) => JSON.stringify(quotes)),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.string(),
    );
    await checking(() =>
      fc.assert(
        fc.property(stored, (text) => {
          configure({ ...page, storage: { getItem: () => text, setItem() {} } });
          const subscription = subscribe({ ids: ['bitcoin'], feed: 'idle', currency: 'usd', interval: 60 }, () => {});
          assertContract(subscription.store);
          subscription.unsubscribe();
        }),
        settings,
      ),
    );
  });
});
