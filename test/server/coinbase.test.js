// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RFC3339_MICROS, T0, WS_TEST, assertShape, eventually, fixture, openSocket, startServer } from './helpers.js';

const coinbase = (/** @type {string} */ name) => fixture(name, 'coinbase');
const SUBSCRIBE = coinbase('exchange_ws_subscribe.request.json');
const SUBSCRIBE_HEARTBEAT = coinbase('exchange_ws_subscribe_with_heartbeat.request.json');
const ACK = coinbase('exchange_ws_subscriptions_ack.recorded_2025-06-06.json');
const TICKER = coinbase('exchange_ws_ticker.recorded_2025-06-06.json');
const HEARTBEAT = coinbase('exchange_ws_heartbeat.recorded_2022-07-19.json');
const INVALID = coinbase('exchange_ws_error_invalid_product.recorded_sandbox_2022.json');
const AUTH = coinbase('exchange_ws_error_auth_required_channels.json');

/** @param {import('node:test').TestContext} t */
async function connect(t) {
  const demo = await startServer(t);
  const socket = await openSocket(t, demo.wsUrl('/coinbase'));
  return { demo, socket };
}

/**
 * Everything the server sent up to now: an invalid request is answered with an error, which comes after all of it.
 * @param {Awaited<ReturnType<typeof openSocket>>} socket
 */
async function drain(socket) {
  socket.send({ type: 'drain' });
  const before = [];
  for (let m = await socket.next(); m.type !== 'error' || !m.reason?.startsWith('Type'); m = await socket.next())
    before.push(m);
  return before;
}

/** @param {any} ticker */
function assertTicker(ticker) {
  assertShape(ticker, TICKER);
  assert.deepEqual(Object.keys(ticker), Object.keys(TICKER), 'the recorded key order');
  for (const key of ['price', 'open_24h', 'high_24h', 'low_24h', 'best_bid', 'best_ask', 'volume_24h', 'last_size']) {
    assert.match(ticker[key], /^\d+(\.\d+)?$/, `${key} is a decimal string`);
  }
  assert.match(ticker.time, RFC3339_MICROS);
  assert.equal(Date.parse(ticker.time), T0);
  assert.ok(['buy', 'sell'].includes(ticker.side));
  assert.ok(Number(ticker.low_24h) <= Number(ticker.price) && Number(ticker.price) <= Number(ticker.high_24h));
  assert.ok(Number(ticker.best_bid) < Number(ticker.best_ask));
  assert.ok(Number.isSafeInteger(ticker.sequence) && Number.isSafeInteger(ticker.trade_id));
}

test('the recorded subscribe gets the recorded ack, then a ticker in the recorded shape', WS_TEST, async (t) => {
  const { demo, socket } = await connect(t);
  socket.send(SUBSCRIBE);
  assert.deepEqual(await socket.next(), ACK);
  const ticker = await socket.next();
  assertTicker(ticker);
  assert.equal(ticker.product_id, 'BTC-USD');
  // The same market as CoinGecko's, to the cent.
  const { body } = await demo.json('/api/v3/simple/price?ids=bitcoin&vs_currencies=usd');
  assert.ok(Math.abs(Number(ticker.price) - body.bitcoin.usd) <= 0.005);
  assert.deepEqual(await drain(socket), []);
});

test('ticker + heartbeat shorthand: ack lists both; a heartbeat per product per second', WS_TEST, async (t) => {
  const { demo, socket } = await connect(t);
  socket.send({ ...SUBSCRIBE_HEARTBEAT, product_ids: ['BTC-USD', 'ETH-EUR'] });
  assert.deepEqual(await socket.next(), {
    type: 'subscriptions',
    channels: [
      { name: 'ticker', product_ids: ['BTC-USD', 'ETH-EUR'], account_ids: null },
      { name: 'heartbeat', product_ids: ['BTC-USD', 'ETH-EUR'], account_ids: null },
    ],
  });
  const tickers = await socket.take(2);
  tickers.forEach(assertTicker);

  demo.simulator.exchangeBeat();
  const heartbeats = await socket.take(2);
  assert.deepEqual(
    heartbeats.map((h) => h.product_id),
    ['BTC-USD', 'ETH-EUR'],
  );
  heartbeats.forEach((h, i) => {
    assertShape(h, HEARTBEAT);
    assert.deepEqual(Object.keys(h), Object.keys(HEARTBEAT));
    assert.match(h.time, RFC3339_MICROS);
    assert.equal(h.last_trade_id, tickers[i].trade_id);
    assert.equal(h.sequence, tickers[i].sequence);
  });
  assert.deepEqual(await drain(socket), []);
});

test('the object form of channels, with its own product_ids', WS_TEST, async (t) => {
  const { socket } = await connect(t);
  socket.send({
    type: 'subscribe',
    channels: [
      { name: 'ticker', product_ids: ['SOL-USD'] },
      { name: 'heartbeat', product_ids: ['ADA-EUR'] },
    ],
  });
  const ack = await socket.next();
  assert.deepEqual(
    ack.channels.map((/** @type {any} */ c) => [c.name, c.product_ids]),
    [
      ['ticker', ['SOL-USD']],
      ['heartbeat', ['ADA-EUR']],
    ],
  );
  assert.equal((await socket.next()).product_id, 'SOL-USD');
  assert.deepEqual(await drain(socket), []);
});

test('tickers follow trades, only for subscribed products, with growing sequence and trade ids', WS_TEST, async (t) => {
  const { demo, socket } = await connect(t);
  socket.send({ type: 'subscribe', product_ids: ['BTC-USD'], channels: ['ticker'] });
  const [, first] = await socket.take(2);

  demo.simulator.exchangeTick('ethereum');
  assert.deepEqual(await drain(socket), []);
  demo.simulator.exchangeTick('bitcoin');
  const [second] = await drain(socket);
  assertTicker(second);
  assert.equal(second.trade_id, first.trade_id + 1);
  assert.ok(second.sequence > first.sequence);
  assert.equal(second.open_24h, first.open_24h, 'the 24 h open does not move within the hour');
  assert.notEqual(second.price, first.price);
});

test('an unknown product fails the whole subscribe with the recorded error', WS_TEST, async (t) => {
  const { socket } = await connect(t);
  socket.send({ type: 'subscribe', product_ids: ['ETH-USD', 'XMR-USD'], channels: ['ticker'] });
  assert.deepEqual(await socket.next(), { ...INVALID, reason: 'XMR-USD is not a valid product' });
  for (const product of [
    'NEO-USD',
    'WAVES-USD',
    'XNO-USD',
    'ARK-USD',
    'ARRR-USD',
    'TRX-USD',
    'USDC-USD',
    'PEPE-EUR',
    'BTC-USDT',
  ]) {
    socket.send({ type: 'subscribe', product_ids: [product], channels: ['ticker'] });
    assert.deepEqual(await socket.next(), { ...INVALID, reason: `${product} is not a valid product` });
  }
  socket.send({ type: 'subscribe', product_ids: ['BTC-USD'], channels: ['level2'] });
  assert.deepEqual(await socket.next(), AUTH);
  socket.send('not json');
  assert.deepEqual(await socket.next(), { type: 'error', message: 'Malformed JSON' });
  assert.deepEqual(await drain(socket), [], 'nothing was subscribed');
});

test('unsubscribe: the ack lists what is left, and tickers stop', WS_TEST, async (t) => {
  const { demo, socket } = await connect(t);
  socket.send({ type: 'subscribe', product_ids: ['BTC-USD', 'BTC-EUR'], channels: ['ticker', 'heartbeat'] });
  await socket.take(3);
  socket.send({ type: 'unsubscribe', product_ids: ['BTC-USD'], channels: ['ticker', 'heartbeat'] });
  assert.deepEqual(await socket.next(), {
    type: 'subscriptions',
    channels: [
      { name: 'ticker', product_ids: ['BTC-EUR'], account_ids: null },
      { name: 'heartbeat', product_ids: ['BTC-EUR'], account_ids: null },
    ],
  });
  demo.simulator.exchangeTick('bitcoin');
  demo.simulator.exchangeBeat();
  assert.deepEqual(
    (await drain(socket)).map((m) => [m.type, m.product_id]),
    [
      ['ticker', 'BTC-EUR'],
      ['heartbeat', 'BTC-EUR'],
    ],
  );

  // A channel without products drops all of them.
  socket.send({ type: 'unsubscribe', channels: ['ticker', 'heartbeat'] });
  assert.deepEqual(await socket.next(), { type: 'subscriptions', channels: [] });
  demo.simulator.exchangeTick('bitcoin');
  demo.simulator.exchangeBeat();
  assert.deepEqual(await drain(socket), []);
});

test('a socket that does not subscribe within 5 seconds is closed; one that does is kept', WS_TEST, async (t) => {
  const { demo, socket } = await connect(t);
  const subscriber = await openSocket(t, demo.wsUrl('/coinbase'));
  subscriber.send({ type: 'subscribe', product_ids: ['DOGE-USD'], channels: ['ticker'] });
  await subscriber.take(2);

  for (let i = 0; i < 5; i++) demo.simulator.exchangeBeat();
  assert.deepEqual(await drain(socket), [], 'still open after 5 beats: the first may come at once');
  demo.simulator.exchangeBeat();
  assert.equal((await socket.closed()).code, 1000);

  for (let i = 0; i < 10; i++) demo.simulator.exchangeBeat();
  assert.deepEqual(await drain(subscriber), []);
  await eventually(async () => (await demo.wsState()).coinbase.connections === 1);
});
