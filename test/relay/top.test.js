// @ts-check
// `top` through the relay, against the market simulator: a socket subscription's ranking and quotes, one upstream
// request per poll for every top wanted, membership changes, bad values, the allowlist, and the snapshot's top N.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coingecko } from '../../dist/npm/feeds/coingecko.js';
import { CACHE_CONTROL } from '../../server/relay/http.js';
import { connect, snapshotContext, startRelay, startServer, until } from './helpers.js';

/** @typedef {Awaited<ReturnType<typeof startServer>>} Sim */
/** @typedef {Awaited<ReturnType<typeof connect>>} Client */

/** The simulator's own ranking now: what CoinGecko's market-cap order says. */
const ranking = (/** @type {Sim} */ sim, n = Infinity) =>
  sim.market
    .quotes('usd')
    .slice(0, n)
    .map((q) => q.id);

/** `/coins/markets` requests the simulator has answered, and the last one's query. */
async function upstream(/** @type {Sim} */ sim) {
  const state = await (await sim.get('/sim/state')).json();
  return { requests: state.marketsRequests, query: new URLSearchParams(state.lastMarketsRequest?.query ?? '') };
}

/** The ids of a message's quotes, in its order. */
const ids = (/** @type {any} */ message) => message.quotes.map((/** @type {any} */ q) => q.id);

/**
 * Waits for the relay's usd ranking to change after `seq` (its `topSeq`), lets every client's slot pass, and reads
 * this client's frames until its top message and the quotes of every coin in it have come.
 * @param {Client} client
 * @param {Awaited<ReturnType<typeof startRelay>>} relay
 * @param {number} [seq]
 */
async function heardTop(client, relay, seq = 0) {
  await until(() => relay.usd.topSeq > seq, 'a ranking');
  relay.flush();
  const top = await client.nextOf('top');
  /** @type {string[]} */
  const quoted = [];
  while (!top.coins.every((/** @type {string} */ id) => quoted.includes(id))) {
    const frame = await client.next();
    if (frame.type === 'quotes' || frame.type === 'snapshot') quoted.push(...ids(frame));
  }
  return { top, quoted };
}

test('a top subscription gets the ranking first, then the ranked coins quoted in market-cap order', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim);
  const client = await connect(t, relay.streamUrl);
  client.send({ type: 'subscribe', currency: 'usd', top: 5 });
  // Nothing is ranked yet: an empty snapshot, then the ranking once the relay's one request is answered.
  const empty = await client.next();
  assert.deepEqual([empty.type, empty.quotes], ['snapshot', []]);
  await until(() => relay.usd.ranking.length === 5, 'the relay to rank');
  relay.flush();
  const top = await client.nextOf('top');
  assert.deepEqual(top.coins, ranking(sim, 5));
  assert.equal(top.currency, 'usd');
  assert.equal(typeof top.sentAt, 'number');
  const quotes = await client.nextOf('quotes');
  assert.deepEqual(ids(quotes), ranking(sim, 5), 'in market-cap order');
  assert.deepEqual(
    quotes.quotes.map((/** @type {any} */ q) => q.rank),
    [1, 2, 3, 4, 5],
  );

  // A client arriving later hears the ranking before its snapshot, and a status naming the ranked coins it concerns.
  const late = await connect(t, relay.streamUrl);
  late.send({ type: 'subscribe', currency: 'usd', coins: ['pirate-chain'], top: 3 });
  const frames = [await late.next(), await late.next(), await late.next()];
  assert.deepEqual(
    frames.map((f) => f.type),
    ['top', 'snapshot', 'status'],
  );
  assert.deepEqual(frames[0].coins, ranking(sim, 3));
  // Pirate Chain is new to the relay: it comes once priced.
  assert.deepEqual(ids(frames[1]), ranking(sim, 3));
  assert.deepEqual(frames[2].coins, ['pirate-chain', ...ranking(sim, 3)]);
});

test('clients with top 10 and 50 cost one upstream request per poll; named coins beside them, two at most', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim);
  const fifty = await connect(t, relay.streamUrl);
  const ten = await connect(t, relay.streamUrl);
  fifty.send({ type: 'subscribe', currency: 'usd', top: 50 });
  // The simulator lists 22 coins: the ranking for 50 holds them all.
  const all = ranking(sim);
  assert.deepEqual((await heardTop(fifty, relay)).top.coins, all);
  ten.send({ type: 'subscribe', currency: 'usd', top: 10 });
  const { top, quoted } = await heardTop(ten, relay);
  assert.deepEqual(top.coins, all.slice(0, 10), 'the first 10 of the relay’s one ranking');
  assert.deepEqual(quoted, all.slice(0, 10));
  let seen = await upstream(sim);
  assert.equal(seen.requests, 1, 'one request for both');
  assert.equal(seen.query.get('per_page'), '50');
  assert.equal(seen.query.get('order'), 'market_cap_desc');
  assert.equal(seen.query.has('ids'), false);

  relay.clock.advance(10_000);
  await until(async () => (await upstream(sim)).requests === 2, 'the next poll');
  relay.clock.advance(9_000);
  assert.equal((await upstream(sim)).requests, 2, 'one request per 10 s interval');

  // A named coin beside the tops: its own request at once, then two a poll (the named coins, the largest top).
  ten.send({ type: 'subscribe', currency: 'usd', coins: ['pirate-chain'] });
  await until(async () => (await upstream(sim)).requests === 4, 'the named coin asked for');
  relay.clock.advance(10_000);
  await until(async () => (await upstream(sim)).requests === 6, 'the next poll');
  relay.clock.advance(9_000);
  seen = await upstream(sim);
  assert.equal(seen.requests, 6);
});

test('releasing a top lowers the one the relay asks for; the last one leaving stops asking', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim);
  const big = await connect(t, relay.streamUrl);
  const small = await connect(t, relay.streamUrl);
  big.send({ type: 'subscribe', currency: 'usd', top: 20 });
  await until(() => relay.usd.top === 20, 'the relay to want 20');
  small.send({ type: 'subscribe', currency: 'usd', top: 4 });
  await heardTop(big, relay);
  assert.equal((await upstream(sim)).query.get('per_page'), '20');

  big.send({ type: 'unsubscribe', currency: 'usd', top: true });
  await until(() => relay.usd.top === 4, 'the relay to want 4');
  relay.clock.advance(10_000);
  await until(async () => (await upstream(sim)).query.get('per_page') === '4', 'a poll for 4');

  // Lowering by a new subscribe, and letting go by disconnecting.
  small.send({ type: 'subscribe', currency: 'usd', top: 2 });
  await until(() => relay.usd.top === 2, 'the relay to want 2');
  small.ws.close();
  await until(() => relay.usd.top === 0 && !relay.usd.store, 'the relay to let go');
  const { requests } = await upstream(sim);
  relay.clock.advance(30_000);
  await big.settle();
  assert.equal((await upstream(sim)).requests, requests, 'no poll once nobody wants anything');
});

test('a change of membership in the ranking reaches the client, with the newcomer’s quote', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim, { feed: 'coingecko' });
  const client = await connect(t, relay.streamUrl);
  client.send({ type: 'subscribe', currency: 'usd', top: 8 });
  const before = (await heardTop(client, relay)).top.coins;
  assert.deepEqual(before, ranking(sim, 8));
  // Eighth and ninth by market cap are close: trade the eighth until the ninth overtakes it.
  const [eighth, ninth] = ranking(sim).slice(7, 9);
  for (let i = 0; i < 1000 && String(ranking(sim, 8)) === String(before); i++) sim.market.move(eighth, 86_400_000);
  const after = ranking(sim, 8);
  assert.notDeepEqual(after, before, 'the market moved');
  const seq = relay.usd.topSeq;
  relay.clock.advance(10_000);
  const { top, quoted } = await heardTop(client, relay, seq);
  assert.deepEqual(top.coins, after);
  assert.ok(quoted.includes(ninth), 'the newcomer is quoted');
  assert.equal(relay.usd.store?.quotes.get(ninth)?.rank, after.indexOf(ninth) + 1);
});

test('status messages name the top’s coins, as they name the coins asked for', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim, { feed: 'coingecko' });
  const client = await connect(t, relay.streamUrl);
  client.send({ type: 'subscribe', currency: 'usd', coins: ['ark'], top: 3 });
  await heardTop(client, relay);
  relay.flush();
  await client.settle();
  client.frames.length = 0;
  await sim.fault({ kind: '500', count: 2 });
  relay.clock.advance(10_000);
  await until(() => relay.usd.store?.status === 'stale', 'the failure to reach the relay');
  relay.flush();
  const status = await client.nextOf('status');
  assert.equal(status.status, 'stale');
  assert.equal(status.error.source, 'CoinGecko');
  assert.deepEqual(status.coins, ['ark', ...ranking(sim, 3)]);
});

test('a bad top is an error frame and a strike, never an upstream request', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim);
  const client = await connect(t, relay.streamUrl);
  for (const top of [0, 251, 2.5, '10', null]) {
    client.send({ type: 'subscribe', currency: 'usd', coins: ['bitcoin'], top });
    const frame = await client.next();
    assert.deepEqual([frame.type, frame.code], ['error', 'bad-top'], JSON.stringify(top));
    assert.match(frame.message, /1 to 250/);
  }
  assert.equal((await client.closed()).code, 1008, 'the fifth error closes the socket');
  const other = await connect(t, relay.streamUrl);
  other.send({ type: 'unsubscribe', currency: 'usd', top: 10 });
  assert.equal((await other.next()).code, 'bad-top', 'an unsubscribe drops the top with true');
  await other.settle();
  assert.equal((await (await sim.get('/sim/state')).json()).requests, 0, 'no upstream request');
  assert.equal(relay.usd.top, 0);
});

test('with an allowlist, top is refused (not a strike) and never asked of upstream; named coins are served', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim, { coins: ['bitcoin'], currencies: ['usd'] });
  const client = await connect(t, relay.streamUrl);
  for (let i = 0; i < 6; i++) {
    client.send({ type: 'subscribe', currency: 'usd', coins: ['bitcoin'], top: 10 });
    assert.equal((await client.nextOf('error')).code, 'top-not-served');
  }
  client.send({ type: 'subscribe', currency: 'usd', coins: ['bitcoin'] });
  const snapshot = await client.nextOf('snapshot');
  assert.deepEqual(ids(snapshot), ['bitcoin'], 'still open, and the allowed coin served');
  await until(() => !!relay.usd.store?.quotes.has('bitcoin'), 'bitcoin priced');
  relay.clock.advance(10_000);
  await until(async () => (await upstream(sim)).requests === 2, 'the next poll');
  const seen = await upstream(sim);
  assert.equal(seen.query.get('ids'), 'bitcoin', 'no ranking request');
  assert.equal(relay.usd.top, 0);

  const res = await relay.get('/api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=10');
  assert.equal(res.status, 400);
  assert.match((await res.json()).error, /allowlist/);
});

test('a feed that does not rank coins refuses top, saying why', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim, { feed: 'kraken' });
  const client = await connect(t, relay.streamUrl);
  client.send({ type: 'subscribe', currency: 'usd', top: 10 });
  const error = await client.nextOf('error');
  assert.equal(error.code, 'top-not-served');
  assert.match(error.message, /kraken, does not rank/);
  assert.equal(relay.usd.top, 0);
});

const TOP = '/api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=';

test('the snapshot answers the top N in order, in CoinGecko’s shape, with ETag and 304', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim);
  // The first request waits for the relay's one shared upstream request.
  const res = await relay.get(`${TOP}5`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), CACHE_CONTROL);
  const body = await res.json();
  assert.deepEqual(
    body.map((/** @type {any} */ item) => item.id),
    ranking(sim, 5),
  );
  assert.deepEqual(
    body.map((/** @type {any} */ item) => item.market_cap_rank),
    [1, 2, 3, 4, 5],
  );
  assert.equal(body[0].symbol, 'btc');
  assert.ok(body[0].market_cap > body[1].market_cap);
  const seen = await upstream(sim);
  assert.equal(seen.requests, 1, 'one upstream request, the relay’s own');
  assert.equal(seen.query.get('per_page'), '5');

  const etag = String(res.headers.get('etag'));
  const again = await relay.get(`${TOP}5`, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);

  // A smaller top is served from the same ranking; the 7-day history on request, as CoinGecko sends it.
  const history = await (await relay.get(`${TOP}3&sparkline=true&price_change_percentage=7d`)).json();
  assert.deepEqual(
    history.map((/** @type {any} */ item) => item.id),
    ranking(sim, 3),
  );
  assert.ok(history[0].sparkline_in_7d.price.length > 100);
  assert.equal(typeof history[0].price_change_percentage_7d_in_currency, 'number');
  assert.equal((await upstream(sim)).requests, 1);

  // No per_page: CoinGecko's 100, of which the simulator has 22.
  const all = await (await relay.get('/api/v3/coins/markets?vs_currency=usd')).json();
  assert.deepEqual(
    all.map((/** @type {any} */ item) => item.id),
    ranking(sim),
  );
});

test('the coingecko feed pointed at the relay ranks through its snapshot', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim);
  /** @type {string[][]} */
  const tops = [];
  /** @type {string[]} */
  const quoted = [];
  const feed = coingecko(
    snapshotContext(relay, {
      onQuotes: (quotes) => quoted.push(...quotes.map((q) => q.id)),
      onStatus: () => {},
      onUnknown: () => assert.fail('every coin is known'),
      onTop: (ids) => tops.push([...ids]),
    }),
  );
  t.after(() => feed.close());
  feed.want({ ids: [], top: 4 });
  await until(() => tops.length === 1 && quoted.length === 4, 'the ranking and its quotes');
  assert.deepEqual(tops[0], ranking(sim, 4));
  assert.deepEqual(quoted, ranking(sim, 4));
});

test('a snapshot top is refused past 250, for another order or page; it stays wanted ten minutes', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim);
  for (const query of [`${TOP}0`, `${TOP}251`, `${TOP}ten`, `${TOP}10&page=2`, `${TOP}10`.replace('_desc', '_asc')]) {
    const res = await relay.get(query);
    assert.equal(res.status, 400, query);
    assert.equal(typeof (await res.json()).error, 'string');
  }
  assert.equal((await upstream(sim)).requests, 0);

  assert.equal((await relay.get(`${TOP}7`)).status, 200);
  assert.equal(relay.usd.top, 7);
  assert.equal((await (await relay.get('/healthz')).json()).currencies.usd.top, 7, 'health tells the top wanted');
  // Swept once a minute; ten minutes after the last ask, the top is let go, and with it the store.
  relay.clock.advance(9 * 60_000);
  assert.equal(relay.usd.top, 7);
  relay.clock.advance(2 * 60_000);
  assert.equal(relay.usd.top, 0);
  await until(() => relay.usd.store === undefined, 'the store to close');
});
