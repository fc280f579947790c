// @ts-check
// The relay's socket fan-out, driven by `ws` clients against the market simulator: one upstream for many clients,
// snapshot then coalesced deltas, per-coin status when upstream fails, and every hostile input the issue lists.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connect, refused, startRelay, startServer, until } from './helpers.js';

const COINS = ['bitcoin', 'ethereum', 'pirate-chain'];

/**
 * A relay whose usd store has priced `coins` (Kraken ticks bitcoin and ethereum; only CoinGecko has pirate-chain).
 * @param {import('node:test').TestContext} t
 * @param {Parameters<typeof startRelay>[2]} [options]
 */
async function warmRelay(t, options) {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim, options);
  const first = await connect(t, relay.streamUrl);
  first.send({ type: 'subscribe', currency: 'usd', coins: COINS });
  await until(() => COINS.every((id) => relay.usd.store?.quotes.has(id)), 'the relay to price every coin');
  // Kraken's snapshot ticks, so prices are live.
  await until(() => !!relay.usd.store?.live, 'live ticks from Kraken');
  return { sim, relay, first };
}

test('many clients share one upstream: one Kraken socket, and one CoinGecko request per interval', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim, { maxConnections: 30 });
  const clients = await Promise.all(Array.from({ length: 30 }, () => connect(t, relay.streamUrl)));
  for (const client of clients) client.send({ type: 'subscribe', currency: 'usd', coins: COINS });
  await until(() => COINS.every((id) => relay.usd.store?.quotes.has(id)), 'the relay to price every coin');
  await until(async () => (await sim.wsState()).kraken.connections === 1, 'one Kraken socket');
  relay.flush();
  for (const client of clients) {
    const seen = new Set();
    while (seen.size < COINS.length) {
      const frame = await client.next();
      for (const quote of frame.type === 'quotes' || frame.type === 'snapshot' ? frame.quotes : []) seen.add(quote.id);
    }
  }
  const state = async () => await (await sim.get('/sim/state')).json();
  let s = await state();
  assert.equal(s.ws.kraken.opened, 1, 'one Kraken connection for 30 clients');
  assert.equal(s.ws.coinbase.opened + s.ws.binance.opened, 0);
  assert.equal(s.marketsRequests, 1, 'one CoinGecko request for 30 clients');
  assert.match(s.lastMarketsRequest.query, /ids=bitcoin%2Cethereum%2Cpirate-chain|ids=bitcoin,ethereum,pirate-chain/);

  relay.clock.advance(10_000);
  await until(async () => (await state()).marketsRequests === 2, 'the next poll');
  relay.clock.advance(9_000);
  s = await state();
  assert.equal(s.marketsRequests, 2, 'one request per 10 s interval');
});

test('a subscriber gets a snapshot at once, then only changed quotes, at most one message per half second', async (t) => {
  const { sim, relay } = await warmRelay(t);
  const client = await connect(t, relay.streamUrl);
  client.send({ type: 'subscribe', currency: 'usd', coins: COINS });
  const snapshot = await client.next();
  assert.equal(snapshot.type, 'snapshot');
  assert.equal(snapshot.currency, 'usd');
  assert.deepEqual(snapshot.quotes.map((/** @type {any} */ q) => q.id).sort(), [...COINS].sort());
  const btc = snapshot.quotes.find((/** @type {any} */ q) => q.id === 'bitcoin');
  assert.equal(btc.name, 'Bitcoin');
  assert.equal(btc.source, 'kraken');
  assert.equal(btc.sparkline, undefined, 'no 7-day history unless asked for');
  assert.equal(typeof snapshot.sentAt, 'number');
  const status = await client.next();
  assert.deepEqual(
    { type: status.type, status: status.status, live: status.live, coins: status.coins },
    { type: 'status', status: 'live', live: true, coins: COINS },
  );
  relay.flush();
  await client.settle();
  client.frames.length = 0;

  // Bitcoin trades three times within one slot: the client hears of it once, with the last price.
  const heard = relay.usd.notifications;
  for (let i = 0; i < 3; i++) sim.simulator.exchangeTick('bitcoin');
  await until(() => relay.usd.notifications >= heard + 3, 'three ticks to reach the relay');
  relay.clock.advance(100);
  relay.clock.advance(400);
  await client.settle();
  const deltas = client.frames.filter((f) => f.type === 'quotes');
  assert.equal(deltas.length, 1, 'one message for the slot');
  assert.deepEqual(
    deltas[0].quotes.map((/** @type {any} */ q) => q.id),
    ['bitcoin'],
    'only the coin that changed',
  );
  assert.equal(deltas[0].quotes[0].price, relay.usd.store?.quotes.get('bitcoin')?.price);
  assert.ok(deltas[0].sentAt >= deltas[0].flushAt);

  // Nothing changed: nothing sent but the heartbeat, every 4 s.
  client.frames.length = 0;
  relay.clock.advance(4000);
  await client.settle();
  assert.deepEqual(client.frames, []);
  assert.ok(client.heartbeats.length >= 1);
  assert.equal(typeof client.heartbeats[0].sentAt, 'number');
});

test('unsubscribe stops a coin; a coin wanted by nobody is let go upstream', async (t) => {
  const { relay, first } = await warmRelay(t);
  first.send({ type: 'unsubscribe', currency: 'usd', coins: ['pirate-chain'] });
  await until(() => !relay.usd.holds('pirate-chain'), 'pirate-chain to be let go');
  assert.ok(relay.usd.holds('bitcoin'));
  first.send({ type: 'unsubscribe', currency: 'usd' });
  await until(() => !relay.usd.holds('bitcoin') && relay.upstream.coinCount === 0, 'every coin to be let go');
});

test('per-coin status: a dropped Kraken socket marks its coins stale, a CoinGecko failure only the coins it prices', async (t) => {
  const { sim, relay, first } = await warmRelay(t);
  relay.flush();
  await first.settle();
  first.frames.length = 0;

  await sim.fault({ kind: 'ws-drop', feed: 'kraken' });
  await until(() => !!relay.usd.store?.stale.has('bitcoin'), 'the drop to reach the relay');
  relay.flush();
  await first.settle();
  const stale = first.frames.find((f) => f.type === 'stale');
  assert.ok(stale, 'a stale message');
  assert.deepEqual(stale.coins.sort(), ['bitcoin', 'ethereum']);
  assert.equal(stale.error.source, 'Kraken');
  assert.equal(stale.error.kind, 'network');

  // The socket comes back; then CoinGecko fails on the request a new coin (ark, on no exchange) brings at once:
  // only the coins no exchange ticks go stale.
  await until(() => !relay.usd.store?.stale.has('bitcoin'), 'Kraken again');
  relay.flush();
  await first.settle();
  first.frames.length = 0;
  await sim.fault({ kind: '500', count: 1 });
  const second = await connect(t, relay.streamUrl);
  second.send({ type: 'subscribe', currency: 'usd', coins: ['ark'] });
  await until(() => !!relay.usd.store?.stale.has('pirate-chain'), 'the 500 to reach the relay');
  relay.flush();
  await first.settle();
  const status = first.frames.find((f) => f.type === 'status');
  assert.equal(status.status, 'live', 'still live on Kraken');
  assert.equal(status.error.source, 'CoinGecko');
  assert.equal(status.error.kind, 'server');
  assert.deepEqual(status.coins, COINS, 'naming the coins it concerns');
  const geckoStale = first.frames.find((f) => f.type === 'stale');
  assert.deepEqual(geckoStale.coins, ['pirate-chain']);
  assert.equal(geckoStale.error.source, 'CoinGecko');
  assert.equal(typeof geckoStale.error.retryAt, 'number');
  assert.ok(!relay.usd.store?.stale.has('bitcoin'));
});

test('coins the relay may not serve are reported unknown, and never asked for upstream', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim, { coins: ['bitcoin'] });
  const client = await connect(t, relay.streamUrl);
  client.send({ type: 'subscribe', currency: 'usd', coins: ['bitcoin', 'ethereum'] });
  await client.nextOf('status');
  const unknown = await client.nextOf('unknown');
  assert.deepEqual(unknown.coins, ['ethereum']);
  assert.equal(unknown.reason, 'not-served');
  await until(() => !!relay.usd.store?.quotes.has('bitcoin'), 'bitcoin');
  const { lastMarketsRequest } = await (await sim.get('/sim/state')).json();
  assert.doesNotMatch(lastMarketsRequest.query, /ethereum/);
});

test('hostile messages get a clear error frame, never a crash or an upstream request, and a 1008 when repeated', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim);
  const client = await connect(t, relay.streamUrl);
  const errors = [];
  const hostile = [
    ['x'.repeat(33 * 1024), 'too-large'],
    ['{"type":"subscribe",', 'bad-json'],
    [{ type: 'hello' }, 'unknown-type'],
    [{ type: 'subscribe', currency: 'usd', coins: ['Bitcoin!'] }, 'bad-coin'],
  ];
  for (const [message, code] of hostile) {
    client.send(message);
    const frame = await client.next();
    assert.equal(frame.type, 'error');
    assert.equal(frame.code, code);
    assert.ok(frame.message.length > 10, 'says what was wrong');
    errors.push(frame);
  }
  client.send({ type: 'subscribe', currency: 'usd', coins: ['a'.repeat(101)] });
  assert.equal((await client.closed()).code, 1008, 'the fifth error closes the socket');

  const other = await connect(t, relay.streamUrl);
  for (const [message, code] of /** @type {[unknown, string][]} */ ([
    [{ type: 'subscribe', currency: 'xyz', coins: ['bitcoin'] }, 'currency'],
    [
      { type: 'subscribe', currency: 'usd', coins: Array.from({ length: 251 }, (_, i) => `coin-${i}`) },
      'too-many-coins',
    ],
    [{ type: 'subscribe', currency: 'usd', coins: 'bitcoin' }, 'too-many-coins'],
  ])) {
    other.send(message);
    assert.equal((await other.next()).code, code);
  }
  await other.settle();
  const state = await (await sim.get('/sim/state')).json();
  assert.equal(state.requests, 0, 'no upstream request');
  assert.equal(state.ws.kraken.opened + state.ws.coinbase.opened + state.ws.binance.opened, 0);
  assert.equal(relay.upstream.coinCount, 0);
});

test('a subscription to 250 ids of 100 characters fits; past 250 coins on one connection is refused', async (t) => {
  const sim = await startServer(t);
  // An allowlist keeps 250 made-up ids from being asked of the simulator: they are reported as not served.
  const strict = await startRelay(t, sim, { coins: ['bitcoin'] });
  const client = await connect(t, strict.streamUrl);
  const long = Array.from({ length: 250 }, (_, i) => `${i}-`.padEnd(100, 'x'));
  client.send({ type: 'subscribe', currency: 'usd', coins: long });
  assert.equal((await client.next()).type, 'snapshot');
  assert.equal((await client.nextOf('unknown')).coins.length, 250);
  await strict.close();

  // Over several messages, in two currencies: the 251st coin is one too many.
  const relay = await startRelay(t, sim);
  const other = await connect(t, relay.streamUrl);
  const ids = Array.from({ length: 251 }, (_, i) => `made-up-${i}`);
  other.send({ type: 'subscribe', currency: 'usd', coins: ids.slice(0, 200) });
  assert.equal((await other.next()).type, 'snapshot');
  other.send({ type: 'subscribe', currency: 'eur', coins: ids.slice(200, 250) });
  assert.equal((await other.nextOf('snapshot')).currency, 'eur');
  other.send({ type: 'subscribe', currency: 'usd', coins: ids.slice(250) });
  assert.equal((await other.nextOf('error')).code, 'too-many-coins');
});

test('more than 10 messages a second: the rest are refused with an error until the second is over', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim, { coins: ['bitcoin'] });
  const client = await connect(t, relay.streamUrl);
  for (let i = 0; i < 11; i++) client.send({ type: 'unsubscribe', currency: 'usd', coins: ['bitcoin'] });
  const frame = await client.next();
  assert.equal(frame.code, 'rate-limit');
  relay.clock.advance(1000);
  client.send({ type: 'subscribe', currency: 'usd', coins: ['bitcoin'] });
  assert.equal((await client.next()).type, 'snapshot');
});

test('origins: a socket from a page not on the list is refused with 403', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim, { origins: ['https://good.example'] });
  const bad = await refused(relay.streamUrl, { origin: 'https://evil.example' });
  assert.equal(bad.status, 403);
  assert.equal(bad.body.error, 'origin');
  assert.equal((await refused(relay.streamUrl)).status, 403, 'no Origin at all');
  const good = await connect(t, relay.streamUrl, { origin: 'https://good.example' });
  good.send({ type: 'subscribe', currency: 'usd', coins: ['bitcoin'] });
  assert.equal((await good.next()).type, 'snapshot');
});

test('at most N sockets per client address, X-Forwarded-For naming it behind a trusted proxy', async (t) => {
  const sim = await startServer(t);
  const relay = await startRelay(t, sim, { maxConnections: 2, trustProxy: true });
  const from = (/** @type {string} */ address) => ({ headers: { 'x-forwarded-for': `6.6.6.6, ${address}` } });
  const a = await connect(t, relay.streamUrl, from('10.0.0.1'));
  await connect(t, relay.streamUrl, from('10.0.0.1'));
  const third = await refused(relay.streamUrl, from('10.0.0.1'));
  assert.equal(third.status, 429);
  assert.equal(third.body.error, 'too-many-connections');
  await connect(t, relay.streamUrl, from('10.0.0.2'));
  a.ws.close();
  await a.closed();
  await until(() => relay.stream.clients.size === 2, 'the relay to see the close');
  await connect(t, relay.streamUrl, from('10.0.0.1'));
});

test('a client that stops reading is dropped once 1 MB waits for it, and the others keep receiving', async (t) => {
  const { sim, relay } = await warmRelay(t);
  const every = sim.market.ids;
  const slow = await connect(t, relay.streamUrl);
  slow.send({ type: 'subscribe', currency: 'usd', coins: every });
  await until(() => every.every((id) => relay.usd.store?.quotes.has(id)), 'every coin priced');
  const good = await connect(t, relay.streamUrl);
  good.send({ type: 'subscribe', currency: 'usd', coins: COINS });
  await good.nextOf('snapshot');
  // It stops reading, and keeps asking for snapshots with 7-day history (within the rate limit): a megabyte soon
  // waits for it, beyond what the kernel's buffers hold.
  slow.ws.pause();
  const { stats } = relay.stream;
  relay.clock.advance(1000);
  while (!stats.dropped.slow) {
    const sent = stats.messagesSent;
    for (let i = 0; i < 10; i++) slow.send({ type: 'subscribe', currency: 'usd', coins: every, sparkline: true });
    // Each subscription is answered with a snapshot and a status: the next ten wait for a new second.
    await until(() => !!stats.dropped.slow || stats.messagesSent >= sent + 20, 'the relay to answer');
    relay.clock.advance(1000);
  }
  assert.deepEqual(stats.errors, {}, 'never past the rate limit');
  await until(() => relay.stream.clients.size === 2, 'the relay to let it go');
  await good.settle();
  good.frames.length = 0;
  const heard = relay.usd.notifications;
  sim.simulator.exchangeTick('bitcoin');
  await until(() => relay.usd.notifications > heard, 'a tick');
  relay.flush();
  const delta = await good.nextOf('quotes');
  assert.deepEqual(
    delta.quotes.map((/** @type {any} */ q) => q.id),
    ['bitcoin'],
  );
});
