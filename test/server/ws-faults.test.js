// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T0, WS_TEST, assertShape, eventually, fixture, openSocket, refusedUpgrade, startServer } from './helpers.js';

const SHUTDOWN_COMBINED = fixture('ws_serverShutdown.combined.docs.json', 'binance');
const SHUTDOWN_RAW = fixture('ws_serverShutdown.raw.docs.json', 'binance');
const RESTRICTED = fixture('rest_error_451_restricted_location.json', 'binance');

/**
 * A server with one subscribed socket per exchange, each past its subscription's first messages.
 * @param {import('node:test').TestContext} t
 */
async function threeFeeds(t) {
  const demo = await startServer(t);
  const kraken = await openSocket(t, demo.wsUrl('/kraken/v2'));
  await kraken.next();
  kraken.send({ method: 'subscribe', params: { channel: 'ticker', symbol: ['BTC/USD'] } });
  await kraken.take(2);
  const coinbase = await openSocket(t, demo.wsUrl('/coinbase'));
  coinbase.send({ type: 'subscribe', product_ids: ['BTC-USD'], channels: ['ticker', 'heartbeat'] });
  await coinbase.take(2);
  const binance = await openSocket(t, demo.wsUrl('/binance/stream?streams=btcusdt@ticker'));
  return { demo, kraken, coinbase, binance };
}

/**
 * Round trips that prove a socket is alive, and return what arrived before their answers.
 * @param {Awaited<ReturnType<typeof openSocket>>} socket
 */
async function krakenDrain(socket) {
  socket.send({ method: 'ping', req_id: 9 });
  const before = [];
  for (let m = await socket.next(); m.method !== 'pong'; m = await socket.next()) before.push(m);
  return before;
}

test('ws-drop cuts every socket of one feed without a close frame; the others stay', WS_TEST, async (t) => {
  const { demo, kraken, coinbase, binance } = await threeFeeds(t);
  const res = await demo.fault({ kind: 'ws-drop', feed: 'kraken' });
  assert.deepEqual(res, { status: 200, body: { applied: { kind: 'ws-drop', feed: 'kraken', sockets: 1 } } });
  assert.equal((await kraken.closed()).code, 1006);
  const connections = async () => {
    const state = await demo.wsState();
    return [state.kraken.connections, state.coinbase.connections, state.binance.connections].join();
  };
  await eventually(async () => (await connections()) === '0,1,1');

  const all = await demo.fault({ kind: 'ws-drop', feed: 'all' });
  assert.equal(all.body.applied.sockets, 2);
  assert.equal((await coinbase.closed()).code, 1006);
  assert.equal((await binance.closed()).code, 1006);
  await eventually(async () => (await connections()) === '0,0,0');
  const state = await demo.wsState();
  assert.deepEqual([state.kraken.opened, state.coinbase.opened, state.binance.opened], [1, 1, 1]);
});

test('ws-silent: nothing at all for n seconds, heartbeats included; then traffic resumes', WS_TEST, async (t) => {
  const { demo, kraken, coinbase } = await threeFeeds(t);
  const before = await demo.wsState();
  assert.equal((await demo.fault({ kind: 'ws-silent', feed: 'all', seconds: 2 })).status, 200);
  assert.equal((await demo.wsState()).kraken.silentSeconds, 2);

  demo.simulator.exchangeTick('bitcoin'); // updates: swallowed
  kraken.send({ method: 'ping', req_id: 1 }); // its pong: swallowed
  await kraken.flush();
  demo.simulator.exchangeBeat(); // heartbeats: swallowed
  demo.simulator.exchangeBeat(); // the silence ends after this second
  const during = await demo.wsState();
  assert.equal(during.kraken.messagesSent, before.kraken.messagesSent);
  assert.equal(during.coinbase.messagesSent, before.coinbase.messagesSent);
  assert.equal(during.binance.messagesSent, before.binance.messagesSent);
  assert.equal(during.kraken.silentSeconds, 0);

  // The first thing Kraken sends afterwards is the answer to a new ping: nothing was queued.
  kraken.send({ method: 'ping', req_id: 2 });
  assert.equal((await kraken.next()).req_id, 2);
  demo.simulator.exchangeBeat();
  assert.equal((await coinbase.next()).type, 'heartbeat');
  demo.simulator.exchangeTick('bitcoin');
  assert.equal((await coinbase.next()).type, 'ticker');
});

test(
  'ws-garbage: a frame cut short, then valid JSON of an unknown shape, on every socket; sockets stay',
  WS_TEST,
  async (t) => {
    const { demo, kraken, coinbase, binance } = await threeFeeds(t);
    const res = await demo.fault({ kind: 'ws-garbage' }); // feed defaults to all
    assert.equal(res.body.applied.sockets, 3);
    for (const socket of [kraken, coinbase, binance]) {
      const broken = await socket.nextText();
      assert.throws(() => JSON.parse(broken), SyntaxError);
      const unknown = await socket.next();
      assert.equal(typeof unknown, 'object');
    }
    assert.deepEqual(await krakenDrain(kraken), []);
  },
);

test(
  'ws-shutdown: Binance announces serverShutdown (raw or combined) and closes 1000; the others close 1000',
  WS_TEST,
  async (t) => {
    const { demo, kraken, binance } = await threeFeeds(t);
    const raw = await openSocket(t, demo.wsUrl('/binance/ws/btcusdt@ticker'));
    assert.equal((await demo.fault({ kind: 'ws-shutdown', feed: 'binance' })).body.applied.sockets, 2);

    const combined = await binance.next();
    assertShape(combined, SHUTDOWN_COMBINED);
    assert.deepEqual(combined, { stream: '!serverShutdown', data: { e: 'serverShutdown', E: T0 } });
    assert.equal((await binance.closed()).code, 1000);
    const bare = await raw.next();
    assertShape(bare, SHUTDOWN_RAW);
    assert.deepEqual(bare, { e: 'serverShutdown', E: T0 });
    assert.equal((await raw.closed()).code, 1000);
    assert.deepEqual(await krakenDrain(kraken), [], 'kraken untouched');

    await demo.fault({ kind: 'ws-shutdown', feed: 'kraken' });
    assert.equal((await kraken.closed()).code, 1000);
  },
);

test(
  'ws-refuse: Binance answers 451 with the recorded body, the others 503; by count or by seconds',
  WS_TEST,
  async (t) => {
    const demo = await startServer(t);
    await demo.fault({ kind: 'ws-refuse', feed: 'binance', count: 2 });
    assert.deepEqual((await demo.wsState()).binance.refuse, { status: 451, seconds: null, count: 2 });
    for (let i = 0; i < 2; i++) {
      const refused = await refusedUpgrade(demo.wsUrl('/binance/stream?streams=btcusdt@ticker'));
      assert.equal(refused.status, 451);
      assert.deepEqual(JSON.parse(refused.body), RESTRICTED);
    }
    await openSocket(t, demo.wsUrl('/binance/stream?streams=btcusdt@ticker')); // the third gets through

    await demo.fault({ kind: 'ws-refuse', feed: 'kraken', seconds: 2 });
    assert.equal((await refusedUpgrade(demo.wsUrl('/kraken/v2'))).status, 503);
    assert.equal((await refusedUpgrade(demo.wsUrl('/kraken/v2'))).status, 503);
    demo.simulator.exchangeBeat();
    demo.simulator.exchangeBeat();
    const kraken = await openSocket(t, demo.wsUrl('/kraken/v2'));
    assert.equal((await kraken.next()).channel, 'status');

    await demo.fault({ kind: 'ws-refuse', feed: 'coinbase', seconds: 60 });
    assert.equal((await refusedUpgrade(demo.wsUrl('/coinbase'))).status, 503);
    await demo.fault({ kind: 'ws-none', feed: 'coinbase' });
    await openSocket(t, demo.wsUrl('/coinbase'));

    const state = await demo.wsState();
    assert.deepEqual([state.binance.refused, state.kraken.refused, state.coinbase.refused], [2, 2, 1]);
    assert.deepEqual([state.binance.refuse, state.kraken.refuse, state.coinbase.refuse], [null, null, null]);
  },
);

test('bad WebSocket fault requests are refused; HTTP faults still work beside them', WS_TEST, async (t) => {
  const demo = await startServer(t);
  for (const body of [
    { kind: 'ws-teapot' },
    { kind: 'ws-drop', feed: 'bitstamp' },
    { kind: 'ws-silent', seconds: 0 },
    { kind: 'ws-silent', seconds: 1.5 },
    { kind: 'ws-refuse', count: 5000 },
    { kind: 'teapot' },
  ]) {
    const res = await demo.fault(body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(typeof res.body.error, 'string');
  }
  assert.match((await demo.fault({ kind: 'teapot' })).body.error, /ws-drop/);

  assert.deepEqual((await demo.fault({ kind: '429', count: 1 })).body, { fault: { kind: '429', remaining: 1 } });
  const state = (await demo.json('/sim/state')).body;
  assert.deepEqual(state.fault, { kind: '429', remaining: 1 });
  assert.equal(state.ws.kraken.silentSeconds, 0);
});
