// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COINS, FIAT_RATES } from '../../server/simulator/coins.js';
import { HISTORY_HOURS, Market, TickEvent } from '../../server/simulator/market.js';
import { SEED, T0 } from './helpers.js';

const HOUR = 3_600_000;

/** A market on a hand-driven clock. */
function makeMarket(seed = SEED) {
  const clock = { now: T0 };
  const market = new Market({ seed, now: () => clock.now, stepMs: 2000 });
  return { market, clock };
}

test('starts every coin at its table price, with a full hourly history ending there', () => {
  const { market } = makeMarket();
  for (const spec of COINS) {
    const q = market.quote(spec.id);
    assert.ok(q, spec.id);
    assert.equal(q.price, spec.price, spec.id);
    assert.equal(q.sparkline.length, HISTORY_HOURS);
    assert.equal(q.sparkline.at(-1), spec.price);
    assert.ok(q.high24h >= q.price && q.low24h <= q.price, `${spec.id} range`);
    assert.equal(q.updatedAt, T0);
  }
});

test('the same seed gives the same market; another seed another one', () => {
  const a = makeMarket(7).market;
  const b = makeMarket(7).market;
  const c = makeMarket(8).market;
  for (let i = 0; i < 100; i++) [a, b, c].forEach((m) => m.tick());
  assert.deepEqual(a.quotes('usd'), b.quotes('usd'));
  assert.notDeepEqual(a.quote('bitcoin')?.price, c.quote('bitcoin')?.price);
});

test('the random walk stays positive and realistic, and the 24 h change is (price − open) / open × 100', () => {
  const { market, clock } = makeMarket();
  let events = 0;
  market.addEventListener('tick', () => events++);
  // 40 000 ticks of 2 s: about 22 hours, with every hourly roll of the history on the way.
  for (let i = 0; i < 40_000; i++) {
    clock.now += 2000;
    market.tick();
    if (i % 997 !== 0) continue;
    for (const q of market.quotes('usd')) {
      assert.ok(Number.isFinite(q.price) && q.price > 0, `${q.id} price ${q.price}`);
      assert.ok(Math.abs(q.changePct24h - ((q.price - q.open24h) / q.open24h) * 100) < 1e-9, q.id);
      assert.ok(Math.abs(q.change24h - (q.price - q.open24h)) < 1e-9 * q.price, q.id);
      assert.ok(q.low24h <= q.price && q.price <= q.high24h, `${q.id} outside its 24 h range`);
      assert.equal(q.sparkline.length, HISTORY_HOURS);
    }
  }
  assert.equal(events, 40_000);
  assert.equal(market.ticks, 40_000);
  for (const spec of COINS) {
    const q = /** @type {import('../../server/simulator/market.js').MarketQuote} */ (market.quote(spec.id));
    // Mean reversion keeps prices near the start and daily moves within a few percent (wider for meme coins).
    assert.ok(Math.abs(Math.log(q.price / spec.price)) < 0.25, `${spec.id} drifted to ${q.price}`);
    assert.ok(Math.abs(q.changePct24h) < 15, `${spec.id} 24 h change ${q.changePct24h}`);
    assert.equal(q.updatedAt, clock.now);
  }
  const usdt = market.quote('tether');
  assert.ok(usdt && Math.abs(usdt.price - 1) < 0.01, 'tether holds its peg');
});

test('crossing an hour shifts the hourly history and moves the 24 h open', () => {
  const { market, clock } = makeMarket();
  const before = /** @type {import('../../server/simulator/market.js').MarketQuote} */ (market.quote('bitcoin'));
  clock.now += HOUR;
  market.tick();
  const after = /** @type {import('../../server/simulator/market.js').MarketQuote} */ (market.quote('bitcoin'));
  assert.deepEqual(after.sparkline.slice(0, HISTORY_HOURS - 1), before.sparkline.slice(1));
  assert.equal(after.open24h, before.sparkline[HISTORY_HOURS - 24]);
  assert.equal(after.sparkline.at(-1), after.price);
});

test('quotes convert by the fixed fiat rates and by the btc/eth prices', () => {
  const { market } = makeMarket();
  market.tick();
  const usd = /** @type {import('../../server/simulator/market.js').MarketQuote} */ (market.quote('monero', 'usd'));
  for (const [currency, rate] of Object.entries(FIAT_RATES)) {
    const q = market.quote('monero', currency);
    assert.ok(q);
    assert.ok(Math.abs(q.price - usd.price * rate) < 1e-9 * q.price, currency);
    assert.ok(Math.abs(q.changePct24h - usd.changePct24h) < 1e-9, `${currency}: fixed rates leave the change alone`);
  }
  assert.equal(market.quote('bitcoin', 'btc')?.price, 1);
  assert.equal(market.quote('ethereum', 'eth')?.price, 1);
  const btcUsd = /** @type {number} */ (market.quote('bitcoin')?.price);
  assert.ok(Math.abs(/** @type {number} */ (market.quote('monero', 'btc')?.price) - usd.price / btcUsd) < 1e-15);
  assert.equal(market.quote('monero', 'usdt'), undefined);
  assert.equal(market.quote('nope'), undefined);
});

test('quotes come in market-cap order and skip unknown ids', () => {
  const { market } = makeMarket();
  const quotes = market.quotes('usd', ['cardano', 'nope', 'bitcoin', 'pirate-chain']);
  assert.deepEqual(
    quotes.map((q) => q.id),
    ['bitcoin', 'cardano', 'pirate-chain'],
  );
  const all = market.quotes('eur');
  assert.equal(all.length, COINS.length);
  all.forEach((q, i) => {
    assert.equal(q.rank, i + 1);
    if (i > 0) assert.ok(all[i - 1].marketCap >= q.marketCap);
  });
});

test('move() moves one coin alone and says which; tick() names every coin', () => {
  const { market, clock } = makeMarket();
  /** @type {(readonly string[])[]} */
  const events = [];
  market.addEventListener('tick', (event) => {
    assert.ok(event instanceof TickEvent);
    events.push(event.ids);
  });
  const before = market.quotes('usd');
  clock.now += 250;
  market.move('dogecoin', 250);
  const after = market.quotes('usd');
  for (const [i, q] of after.entries()) {
    if (q.id === 'dogecoin') {
      assert.notEqual(q.price, before[i].price);
      assert.equal(q.updatedAt, clock.now);
      assert.ok(q.low24h <= q.price && q.price <= q.high24h);
    } else {
      assert.equal(q.price, before[i].price, q.id);
    }
  }
  // A small step moves a little: a 250 ms step of a 5 %-a-day coin is a few hundredths of a percent.
  const doge = /** @type {import('../../server/simulator/market.js').MarketQuote} */ (
    after.find((q) => q.id === 'dogecoin')
  );
  assert.ok(Math.abs(Math.log(doge.price / 0.2134)) < 0.002);
  market.tick();
  assert.deepEqual(events, [['dogecoin'], market.ids]);
  assert.equal(market.ticks, 1, 'moves are not market ticks');
  assert.throws(() => market.move('nope'), RangeError);
});
