// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BINANCE_COINS } from '../../server/simulator/binance.js';
import { T0, WS_TEST, assertShape, fixture, openSocket, startServer } from './helpers.js';

const binance = (/** @type {string} */ name) => fixture(name, 'binance');
const TICKER = binance('ws_ticker.raw.recorded_2026-03-03.json');
const COMBINED = binance('ws_ticker.combined.docs_example.json');
const MINI = binance('ws_miniTicker.raw.recorded_2025-08-08.json');
const SUBSCRIBE = binance('ws_subscribe.request.json');
const ACK = binance('ws_subscribe.ack.json');
const LIST = binance('ws_list_subscriptions.response.docs.json');
const INVALID_JSON = binance('ws_error.invalid_json.docs_template.json');
const MISSING_METHOD = binance('ws_error.invalid_method.docs_template.json');

/**
 * @param {import('node:test').TestContext} t
 * @param {string} path under /binance
 */
async function connect(t, path) {
  const demo = await startServer(t);
  const socket = await openSocket(t, demo.wsUrl(`/binance${path}`));
  return { demo, socket };
}

/**
 * Everything the server sent up to now, in front of the answer to a LIST_SUBSCRIPTIONS.
 * @param {Awaited<ReturnType<typeof openSocket>>} socket
 */
async function drain(socket) {
  socket.send({ method: 'LIST_SUBSCRIPTIONS', id: 999 });
  const before = [];
  for (let m = await socket.next(); m.id !== 999; m = await socket.next()) before.push(m);
  return before;
}

/** @param {any} data a 24hrTicker payload */
function assertTicker(data) {
  assertShape(data, TICKER);
  assert.deepEqual(Object.keys(data), Object.keys(TICKER), 'the recorded key order');
  for (const key of ['p', 'w', 'x', 'c', 'Q', 'b', 'B', 'a', 'A', 'o', 'h', 'l', 'v', 'q']) {
    assert.match(data[key], /^-?\d+\.\d{8}$/, `${key}: 8 decimals`);
  }
  assert.match(data.P, /^-?\d+\.\d{3}$/, 'P: percent, 3 decimals');
  const [c, o, p] = [Number(data.c), Number(data.o), Number(data.p)];
  assert.ok(Math.abs(c - o - p) < 1e-8, 'p = c − o');
  assert.equal(data.P, ((p / o) * 100).toFixed(3), 'P = p / o × 100');
  assert.ok(Number(data.l) <= c && c <= Number(data.h));
  assert.ok(Number(data.b) < Number(data.a));
  assert.equal(data.E, T0);
  assert.equal(data.C - data.O, 86_400_000);
  assert.equal(data.L - data.F + 1, data.n);
}

test(
  'combined streams: every event wrapped as {stream, data}, the 24hrTicker payload as recorded',
  WS_TEST,
  async (t) => {
    const { demo, socket } = await connect(t, '/stream?streams=btcusdt@ticker/ethusdt@ticker');
    demo.simulator.exchangeTick('ethereum');
    demo.simulator.exchangeTick('bitcoin');
    const [eth, btc] = await socket.take(2);
    for (const event of [eth, btc]) {
      assertShape(event, COMBINED);
      assert.deepEqual(Object.keys(event), ['stream', 'data']);
      assertTicker(event.data);
    }
    assert.deepEqual(
      [eth.stream, eth.data.s, btc.stream, btc.data.s],
      ['ethusdt@ticker', 'ETHUSDT', 'btcusdt@ticker', 'BTCUSDT'],
    );
    // The same market as CoinGecko's, to the cent (USDT held at par).
    const { body } = await demo.json('/api/v3/simple/price?ids=bitcoin&vs_currencies=usd');
    assert.ok(Math.abs(Number(btc.data.c) - body.bitcoin.usd) <= 0.005);
    demo.simulator.exchangeTick('solana');
    assert.deepEqual(await drain(socket), [], 'nothing for streams not asked for');
  },
);

test('a raw stream sends the bare payload; market-wide ticks reach it too', WS_TEST, async (t) => {
  const { demo, socket } = await connect(t, '/ws/bnbusdt@ticker');
  demo.market.tick();
  const data = await socket.next();
  assertTicker(data);
  assert.equal(data.s, 'BNBUSDT');
  assert.deepEqual(await drain(socket), []);
});

test(
  'live SUBSCRIBE, LIST_SUBSCRIPTIONS and UNSUBSCRIBE with the recorded acks; miniTicker as recorded',
  WS_TEST,
  async (t) => {
    const { demo, socket } = await connect(t, '/ws');
    socket.send(SUBSCRIBE); // btcusdt@miniTicker, ethusdt@miniTicker, id 1
    assert.deepEqual(await socket.next(), ACK);
    socket.send({ method: 'LIST_SUBSCRIPTIONS', id: 3 });
    const list = await socket.next();
    assertShape(list, LIST);
    assert.deepEqual(list, { result: ['btcusdt@miniTicker', 'ethusdt@miniTicker'], id: 3 });

    demo.simulator.exchangeTick('bitcoin');
    const mini = await socket.next();
    assertShape(mini, MINI);
    assert.deepEqual(Object.keys(mini), Object.keys(MINI));
    assert.equal(mini.s, 'BTCUSDT');
    assert.equal(mini.E, T0);

    socket.send({ method: 'UNSUBSCRIBE', params: ['btcusdt@miniTicker'], id: 4 });
    assert.deepEqual(await socket.next(), { result: null, id: 4 });
    demo.simulator.exchangeTick('bitcoin');
    assert.deepEqual(await drain(socket), []);
  },
);

test('a symbol Binance does not list is acknowledged, listed, and silent', WS_TEST, async (t) => {
  const { demo, socket } = await connect(t, '/stream');
  socket.send({ method: 'SUBSCRIBE', params: ['xmrusdt@ticker', 'wavesusdt@ticker', 'usdtusdt@ticker'], id: 7 });
  assert.deepEqual(await socket.next(), { result: null, id: 7 });
  for (const id of ['monero', 'waves', 'tether']) demo.simulator.exchangeTick(id);
  demo.market.tick();
  socket.send({ method: 'LIST_SUBSCRIPTIONS', id: 8 });
  assert.deepEqual(await socket.next(), { result: ['xmrusdt@ticker', 'wavesusdt@ticker', 'usdtusdt@ticker'], id: 8 });
});

test('bad requests get the recorded error frames and the socket stays', WS_TEST, async (t) => {
  const { socket } = await connect(t, '/stream');
  socket.send('{"method":"SUBSCRIBE",');
  const invalid = await socket.next();
  assertShape(invalid, INVALID_JSON);
  assert.equal(invalid.code, INVALID_JSON.code);
  assert.match(invalid.msg, /^Invalid JSON: expected value at line \d+ column \d+$/);

  const noMethod = JSON.stringify({ params: ['btcusdt@ticker'], id: 1 });
  socket.send(noMethod);
  const missing = await socket.next();
  assertShape(missing, MISSING_METHOD);
  assert.deepEqual(missing, {
    code: 2,
    msg: `Invalid request: missing field \`method\` at line 1 column ${noMethod.length}`,
  });

  socket.send({ method: 'SUBSCRIB', params: [], id: 2 });
  const unknown = await socket.next();
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.msg,
    /^Invalid request: unknown variant `SUBSCRIB`, expected one of `SUBSCRIBE`, .* at line 1 column \d+$/,
  );

  socket.send({ method: 'SET_PROPERTY', params: ['verbose', true], id: 3 });
  assert.deepEqual(await socket.next(), { code: 0, msg: 'Unknown property', id: 3 });
  assert.deepEqual(await drain(socket), []);
});

test('SET_PROPERTY combined switches the wrapper; GET_PROPERTY reports it', WS_TEST, async (t) => {
  const { demo, socket } = await connect(t, '/ws/adausdt@ticker');
  socket.send({ method: 'GET_PROPERTY', params: ['combined'], id: 1 });
  assert.deepEqual(await socket.next(), { result: false, id: 1 });
  socket.send({ method: 'SET_PROPERTY', params: ['combined', true], id: 2 });
  assert.deepEqual(await socket.next(), { result: null, id: 2 });
  demo.simulator.exchangeTick('cardano');
  const event = await socket.next();
  assert.equal(event.stream, 'adausdt@ticker');
  assertTicker(event.data);
});

test('a ping frame every 20 seconds', WS_TEST, async (t) => {
  const { demo, socket } = await connect(t, '/ws');
  for (let i = 0; i < 19; i++) demo.simulator.exchangeBeat();
  await drain(socket);
  assert.equal(socket.pings(), 0);
  demo.simulator.exchangeBeat();
  await drain(socket); // a ping sent before the answer arrives before it
  assert.equal(socket.pings(), 1);
});

test('every listed coin streams its USDT pair', WS_TEST, async (t) => {
  const streams = Object.values(BINANCE_COINS).map((base) => `${base.toLowerCase()}usdt@ticker`);
  const { demo, socket } = await connect(t, `/stream?streams=${streams.join('/')}`);
  demo.market.tick();
  const events = await socket.take(streams.length);
  assert.deepEqual(events.map((e) => e.stream).sort(), [...streams].sort());
  events.forEach((e) => assertTicker(e.data));
});
