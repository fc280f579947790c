// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KRAKEN_COINS } from '../../server/simulator/kraken.js';
import { RFC3339_MICROS, T0, WS_TEST, assertShape, fixture, openSocket, startServer } from './helpers.js';

const kraken = (/** @type {string} */ name) => fixture(name, 'kraken');
const STATUS = kraken('v2_status.recorded_2026-03-15.json');
const ACK = kraken('v2_subscribe_ack.recorded_2026-03-15.json');
const ERROR = kraken('v2_subscribe_error.unsupported_pair.recorded_2026-09-25.json');
const SNAPSHOT = kraken('v2_ticker_snapshot.recorded_2026-03-15.json');
const HEARTBEAT = kraken('v2_heartbeat.recorded.json');
const SUBSCRIBE = kraken('v2_subscribe_ticker.request.json');
const PING = kraken('v2_ping.request.json');

/**
 * A Kraken socket past its `status` message.
 * @param {import('node:test').TestContext} t
 */
async function connect(t) {
  const demo = await startServer(t);
  const socket = await openSocket(t, demo.wsUrl('/kraken/v2'));
  const statusText = await socket.nextText();
  return { demo, socket, statusText };
}

/**
 * Sends a ping and returns every message that came before its pong: what the server sent up to now.
 * @param {Awaited<ReturnType<typeof openSocket>>} socket
 */
async function drain(socket) {
  const reqId = Math.floor(Math.random() * 1e9);
  socket.send({ method: 'ping', req_id: reqId });
  const before = [];
  for (let m = await socket.next(); !(m.method === 'pong' && m.req_id === reqId); m = await socket.next())
    before.push(m);
  return before;
}

/** @param {any} message */
function withoutTimes(message) {
  const { time_in: timeIn, time_out: timeOut, ...rest } = message;
  assert.match(timeIn, RFC3339_MICROS);
  assert.match(timeOut, RFC3339_MICROS);
  assert.ok(timeIn <= timeOut);
  return rest;
}

test('on connect: the recorded status message, with a connection_id beyond 2^53', WS_TEST, async (t) => {
  const { statusText } = await connect(t);
  const status = JSON.parse(statusText);
  assertShape(status, STATUS);
  assert.deepEqual({ ...status.data[0], connection_id: 0 }, { ...STATUS.data[0], connection_id: 0 });
  assert.equal(status.channel, 'status');
  assert.equal(status.type, 'update');
  const id = /"connection_id":(\d+)/.exec(statusText)?.[1];
  assert.ok(id && BigInt(id) > 2n ** 53n, `connection_id ${id}`);
});

test(
  'subscribe: one recorded-shape ack per symbol, then a snapshot per symbol, numbers as numbers',
  WS_TEST,
  async (t) => {
    const { socket } = await connect(t);
    socket.send(SUBSCRIBE); // BTC/USD and ETH/USD
    const acks = await socket.take(2);
    acks.forEach((ack) => assertShape(ack, ACK));
    assert.deepEqual(acks.map(withoutTimes), [
      withoutTimes(ACK),
      withoutTimes({ ...ACK, result: { ...ACK.result, symbol: 'ETH/USD' } }),
    ]);

    const snapshots = await socket.take(2);
    assert.deepEqual(
      snapshots.map((s) => s.data[0].symbol),
      ['BTC/USD', 'ETH/USD'],
    );
    for (const snapshot of snapshots) {
      assertShape(snapshot, SNAPSHOT);
      assert.deepEqual(Object.keys(snapshot), ['channel', 'data', 'type']);
      assert.equal(snapshot.type, 'snapshot');
      const d = snapshot.data[0];
      // Kraken writes keys in alphabetical order.
      assert.deepEqual(Object.keys(d), Object.keys(d).sort());
      assert.match(d.timestamp, RFC3339_MICROS);
      assert.equal(Date.parse(d.timestamp), T0);
      assert.ok(d.low <= d.last && d.last <= d.high, 'last inside the 24 h range');
      assert.ok(d.bid < d.ask, 'bid under ask');
      assert.ok(d.low <= d.vwap && d.vwap <= d.high, 'vwap inside the range');
      assert.ok(d.volume > 0 && d.bid_qty > 0 && d.ask_qty > 0);
      // Percentage points, 2 dp, consistent with the change in quote currency.
      assert.equal(d.change_pct, Math.round(d.change_pct * 100) / 100);
      assert.ok(Math.abs(d.change_pct - (d.change / (d.last - d.change)) * 100) <= 0.006, 'change_pct from change');
    }
  },
);

test('req_id is echoed; unknown and XBT pairs get the recorded error; the rest still subscribe', WS_TEST, async (t) => {
  const { socket } = await connect(t);
  socket.send({
    method: 'subscribe',
    params: { channel: 'ticker', symbol: ['XBT/USD', 'NEO/USD', 'DOGE/EUR'] },
    req_id: 42,
  });
  const [xbt, neo, doge, snapshot] = await socket.take(4);
  assert.deepEqual(withoutTimes(xbt), { ...withoutTimes(ERROR), req_id: 42 });
  assert.deepEqual(Object.keys(xbt), [...Object.keys(ERROR).slice(0, 2), 'req_id', ...Object.keys(ERROR).slice(2)]);
  assert.deepEqual(withoutTimes(neo), {
    ...withoutTimes(ERROR),
    error: 'Currency pair not supported NEO/USD',
    symbol: 'NEO/USD',
    req_id: 42,
  });
  assert.equal(doge.success, true);
  assert.equal(doge.req_id, 42);
  assert.equal(doge.result.symbol, 'DOGE/EUR');
  assert.equal(snapshot.data[0].symbol, 'DOGE/EUR');
  assert.deepEqual(await drain(socket), []);
});

test('updates follow the market, only for subscribed pairs, in the snapshot schema', WS_TEST, async (t) => {
  const { demo, socket } = await connect(t);
  socket.send({ method: 'subscribe', params: { channel: 'ticker', symbol: ['BTC/USD', 'BTC/EUR'] } });
  const [, , usd, eur] = await socket.take(4);

  demo.simulator.exchangeTick('ethereum');
  assert.deepEqual(await drain(socket), [], 'nothing for a coin nobody subscribed to');

  demo.simulator.exchangeTick('bitcoin');
  const updates = await drain(socket);
  assert.deepEqual(
    updates.map((u) => [u.type, u.data[0].symbol]),
    [
      ['update', 'BTC/USD'],
      ['update', 'BTC/EUR'],
    ],
  );
  for (const u of updates) assertShape(u, SNAPSHOT);
  assert.notEqual(updates[0].data[0].last, usd.data[0].last, 'the price moved');

  // The same market as CoinGecko's: the HTTP price rounds to the pair's price (one tenth of a dollar for BTC).
  const res = await demo.json('/api/v3/simple/price?ids=bitcoin&vs_currencies=usd,eur');
  assert.ok(Math.abs(res.body.bitcoin.usd - updates[0].data[0].last) <= 0.05);
  assert.ok(Math.abs(res.body.bitcoin.eur - updates[1].data[0].last) <= 0.05);
  assert.ok(Math.abs(eur.data[0].last / usd.data[0].last - 0.8537) < 1e-5, 'EUR at the simulator rate');

  // A market-wide tick moves every coin: one update per subscribed pair.
  demo.market.tick();
  assert.deepEqual(
    (await drain(socket)).map((u) => u.data[0].symbol),
    ['BTC/USD', 'BTC/EUR'],
  );
});

test(
  'unsubscribe: ack per symbol, updates stop; errors for pairs not subscribed or subscribed twice',
  WS_TEST,
  async (t) => {
    const { demo, socket } = await connect(t);
    socket.send({ method: 'subscribe', params: { channel: 'ticker', symbol: ['SOL/USD'] }, req_id: 1 });
    await socket.take(2);
    socket.send({ method: 'subscribe', params: { channel: 'ticker', symbol: ['SOL/USD'] }, req_id: 2 });
    const again = withoutTimes(await socket.next());
    assert.deepEqual(again, {
      error: 'Already subscribed',
      method: 'subscribe',
      req_id: 2,
      success: false,
      symbol: 'SOL/USD',
    });

    socket.send({ method: 'unsubscribe', params: { channel: 'ticker', symbol: ['SOL/USD', 'ADA/USD'] }, req_id: 3 });
    const [ok, missing] = (await socket.take(2)).map(withoutTimes);
    assert.deepEqual(ok, {
      method: 'unsubscribe',
      req_id: 3,
      result: { channel: 'ticker', event_trigger: 'trades', symbol: 'SOL/USD' },
      success: true,
    });
    assert.deepEqual(missing, {
      error: 'Subscription Not Found',
      method: 'unsubscribe',
      req_id: 3,
      success: false,
      symbol: 'ADA/USD',
    });
    demo.simulator.exchangeTick('solana');
    assert.deepEqual(await drain(socket), []);
  },
);

test(
  'ping → pong with req_id and timestamps; malformed requests get errors and the socket stays',
  WS_TEST,
  async (t) => {
    const { socket } = await connect(t);
    socket.send(PING);
    assert.deepEqual(withoutTimes(await socket.next()), { method: 'pong', req_id: 101 });
    socket.send({ method: 'ping' });
    assert.deepEqual(withoutTimes(await socket.next()), { method: 'pong' });

    socket.send('{"method":');
    assert.deepEqual(withoutTimes(await socket.next()), { error: 'EGeneral:Invalid arguments', success: false });
    socket.send({ method: 'subscribe', params: { channel: 'book', symbol: ['BTC/USD'] }, req_id: 5 });
    assert.deepEqual(withoutTimes(await socket.next()), {
      error: 'EGeneral:Invalid arguments',
      method: 'subscribe',
      req_id: 5,
      success: false,
    });
    socket.send({ method: 'teleport', req_id: 6 });
    assert.deepEqual(withoutTimes(await socket.next()), {
      error: 'Method not found',
      method: 'teleport',
      req_id: 6,
      success: false,
    });
    assert.deepEqual(await drain(socket), []);
  },
);

test('snapshot:false and event_trigger are honoured', WS_TEST, async (t) => {
  const { socket } = await connect(t);
  socket.send({
    method: 'subscribe',
    params: { channel: 'ticker', symbol: ['LTC/USD'], snapshot: false, event_trigger: 'bbo' },
  });
  const ack = await socket.next();
  assert.deepEqual(ack.result, { channel: 'ticker', event_trigger: 'bbo', snapshot: false, symbol: 'LTC/USD' });
  assert.deepEqual(await drain(socket), [], 'no snapshot');
});

test('heartbeat once a second only while idle, and only after a subscription', WS_TEST, async (t) => {
  const { demo, socket } = await connect(t);
  const beat = () => demo.simulator.exchangeBeat();

  beat();
  beat();
  assert.deepEqual(await drain(socket), [], 'no heartbeats before any subscription');

  socket.send({ method: 'subscribe', params: { channel: 'ticker', symbol: ['BTC/USD'] } });
  await socket.take(2);
  beat(); // the second that carried the ack and the snapshot: no heartbeat
  beat(); // idle: a heartbeat
  beat(); // a heartbeat is not traffic: idle again
  assert.deepEqual(await drain(socket), [HEARTBEAT, HEARTBEAT]);

  beat(); // the second of drain()'s pong
  demo.simulator.exchangeTick('bitcoin');
  beat(); // the second of an update
  assert.deepEqual(
    (await drain(socket)).map((m) => m.channel),
    ['ticker'],
    'no heartbeat in a busy second',
  );
});

test('every listed coin has USD and EUR pairs; coins Kraken does not list are refused', WS_TEST, async (t) => {
  const { socket } = await connect(t);
  const symbols = Object.values(KRAKEN_COINS).flatMap((base) => [`${base}/USD`, `${base}/EUR`]);
  socket.send({ method: 'subscribe', params: { channel: 'ticker', symbol: symbols, snapshot: false } });
  const acks = await socket.take(symbols.length);
  assert.deepEqual(
    acks.filter((a) => !a.success),
    [],
  );
  assert.equal(symbols.includes('XBT/USD') || symbols.includes('XDG/USD'), false);

  const unlisted = ['NEO/USD', 'ARK/USD', 'ARRR/USD', 'BNB/USD', 'BTC/GBP'];
  socket.send({ method: 'subscribe', params: { channel: 'ticker', symbol: unlisted } });
  const errors = await socket.take(unlisted.length);
  assert.deepEqual(
    errors.map((e) => e.error),
    unlisted.map((s) => `Currency pair not supported ${s}`),
  );
});
