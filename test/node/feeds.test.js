// @ts-check
// The exchange adapters as a Node developer uses them (a relay, a server-side render): the built package, `ws` for
// the socket, a FeedContext of their own. Each test starts a `ws` server on an OS-picked port that replays the
// frames recorded from the real exchanges (test/fixtures/feeds) and records what the client sends.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';

const { kraken, coinbase, binance } = await import('coin-ticker');

/** @typedef {import('coin-ticker').Quote} Quote */
/** @typedef {import('coin-ticker').FeedStatus} FeedStatus */
/** @typedef {import('coin-ticker').FeedError} FeedError */
/** @typedef {import('coin-ticker').FeedFactory} FeedFactory */
/** @typedef {import('coin-ticker').Feed} Feed */

/** A recorded frame, as the exchange sent it (one message per file). */
const recorded = async (/** @type {string} */ path) =>
  (await readFile(new URL(`../fixtures/feeds/${path}`, import.meta.url), 'utf8')).trim();
const json = async (/** @type {string} */ path) => JSON.parse(await recorded(path));

/** Wakes whoever waits in `until` whenever a server, socket or recorder does something: no test sleeps. */
class Pulse {
  /** @type {Set<() => void>} */
  waiters = new Set();
  beat = () => {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  };
  /**
   * Resolves once `check()` holds, re-checked after each pulse; fails after `max` pulses rather than hang.
   * @param {() => boolean} check
   * @param {string} what
   */
  async until(check, what, max = 1000) {
    for (let i = 0; i < max; i++) {
      if (check()) return;
      await new Promise((resolve) => this.waiters.add(() => resolve(undefined)));
    }
    if (!check()) throw new Error(`gave up waiting for ${what}`);
  }
}

/** Time that moves only when a test says so; every timer it sets pulses, so a test can wait for a re-arm. */
class FakeClock {
  time = Date.parse('2026-02-17T16:00:00Z');
  /** @type {Map<number, { at: number, callback: () => void }>} */
  timers = new Map();
  nextId = 1;
  /** @param {Pulse} pulse */
  constructor(pulse) {
    this.pulse = pulse;
  }
  now = () => this.time;
  /** The same time: these tests never set the wall clock apart from it (test/core/socket.test.ts does). */
  monotonic = () => this.time;
  /** @type {(callback: () => void, ms: number) => number} */
  setTimeout = (callback, ms) => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    this.pulse.beat();
    return id;
  };
  clearTimeout = (/** @type {unknown} */ handle) => {
    this.timers.delete(/** @type {number} */ (handle));
  };
  /** In ms from now, when each waiting timer is due. */
  get due() {
    return [...this.timers.values()].map(({ at }) => at - this.time);
  }
  /** Moves time forward by `ms`, running every timer due on the way, each at its own time. */
  advance(/** @type {number} */ ms) {
    const end = this.time + ms;
    for (;;) {
      /** @type {[number, { at: number, callback: () => void }] | undefined} */
      let next;
      for (const timer of this.timers) if (timer[1].at <= end && (!next || timer[1].at < next[1].at)) next = timer;
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].callback();
    }
    this.time = end;
  }
}

/**
 * One client connection as the server sees it.
 * @typedef {object} Connection
 * @property {import('ws').WebSocket} ws
 * @property {string} path
 * @property {any[]} received What the client sent, parsed.
 * @property {boolean} closed
 */

/** A `ws` server on 127.0.0.1 at a port the OS picks, replaying what the test hands it. */
class ReplayServer {
  /** @type {Connection[]} */
  connections = [];
  /** `ws://127.0.0.1:PORT`, once started. */
  url = '';
  /** @param {Pulse} pulse */
  constructor(pulse) {
    this.pulse = pulse;
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.wss.on('connection', (ws, req) => {
      /** @type {Connection} */
      const connection = { ws, path: req.url ?? '', received: [], closed: false };
      this.connections.push(connection);
      ws.on('message', (data) => {
        connection.received.push(JSON.parse(String(data)));
        pulse.beat();
      });
      ws.on('close', () => {
        connection.closed = true;
        pulse.beat();
      });
      pulse.beat();
    });
  }

  async start() {
    await new Promise((resolve) => this.wss.once('listening', () => resolve(undefined)));
    const address = /** @type {import('node:net').AddressInfo} */ (this.wss.address());
    this.url = `ws://127.0.0.1:${address.port}`;
    return this;
  }

  /** The n-th connection (from 0), once it has arrived and the client has sent `messages` frames on it. */
  async connection(n = 0, messages = 1) {
    await this.pulse.until(
      () => (this.connections[n]?.received.length ?? 0) >= messages,
      `connection ${n} and ${messages} message(s)`,
    );
    return this.connections[n];
  }

  async close() {
    for (const client of this.wss.clients) client.terminate();
    await new Promise((resolve) => this.wss.close(() => resolve(undefined)));
  }
}

/**
 * A feed wired to recorders the way the store wires it, on `ws` sockets the test can count.
 * @param {FeedFactory} factory
 * @param {string} endpoint
 * @param {FakeClock} clock
 * @param {Pulse} pulse
 */
function harness(factory, endpoint, clock, pulse) {
  const log = {
    /** @type {Quote[][]} */
    quotes: [],
    /** @type {string[][]} */
    unusable: [],
    /** @type {Array<{ status: FeedStatus, error?: FeedError }>} */
    statuses: [],
    /** @type {Array<{ ids: readonly string[], message?: string }>} */
    unknown: [],
    /** @type {WebSocket[]} */
    sockets: [],
    /** When each socket was made, on the test's clock. */
    /** @type {number[]} */
    made: [],
    /** Messages the feed's sockets have received: a heartbeat is news to the socket, not to the feed. */
    messages: 0,
  };
  // A `ws` WebSocket that records each one the feed opens, and wakes the test when one closes. (No 'error' listener
  // here: whether an error event is handled is the feed's business.)
  class Counted extends WebSocket {
    /** @param {string} url */
    constructor(url) {
      super(url);
      log.sockets.push(this);
      log.made.push(clock.now());
      // Registered before the feed's handler, so by the time a woken test runs, the feed has handled the message.
      this.on('message', () => {
        log.messages++;
        pulse.beat();
      });
      this.once('close', pulse.beat);
      pulse.beat();
    }
  }
  const feed = factory({
    currency: 'usd',
    endpoint,
    interval: () => 60,
    fetch,
    WebSocket: Counted,
    clock,
    onQuotes(quotes, unusable = []) {
      // Fresh prices and prices that stopped being current are logged apart: a refusal reports only the second.
      if (quotes.length) log.quotes.push([...quotes]);
      if (unusable.length) log.unusable.push([...unusable]);
      pulse.beat();
    },
    onStatus(status, error) {
      log.statuses.push({ status, error });
      pulse.beat();
    },
    onUnknown(ids, unlistedOn) {
      log.unknown.push({ ids: [...ids], unlistedOn });
      pulse.beat();
    },
    onTop() {},
  });
  return { feed, log };
}

/** Records console.warn until `restore()`, which answers what was warned. */
function captureWarnings() {
  const { warn } = console;
  /** @type {string[]} */
  const warnings = [];
  console.warn = (/** @type {unknown} */ message) => warnings.push(String(message));
  return {
    restore() {
      console.warn = warn;
      return warnings;
    },
  };
}

/**
 * The statuses reported, as `status` or `status:errorKind`, repeats folded: a feed reports `live` with every batch
 * of ticks, and the store ignores a status it already has.
 * @param {Array<{ status: FeedStatus, error?: FeedError }>} statuses
 */
const statusList = (statuses) =>
  statuses
    .map(({ status, error }) => (error ? `${status}:${error.kind}` : status))
    .filter((s, i, all) => s !== all[i - 1]);

describe('exchange adapters in Node, against recorded frames', () => {
  /** @type {Pulse} */
  let pulse;
  /** @type {FakeClock} */
  let clock;
  /** @type {ReplayServer} */
  let server;
  /** @type {Feed | undefined} */
  let feed;

  beforeEach(async () => {
    pulse = new Pulse();
    clock = new FakeClock(pulse);
    server = await new ReplayServer(pulse).start();
    feed = undefined;
  });

  afterEach(async () => {
    feed?.close();
    await server.close();
  });

  /**
   * Ends a test: `close()` closes the socket (the server sees it) and leaves no timer behind.
   * @param {Connection} connection
   */
  async function expectClosed(connection) {
    feed?.close();
    await pulse.until(() => connection.closed, 'the server to see the close');
    assert.equal(clock.timers.size, 0, 'timers left');
    feed?.close();
  }

  /**
   * Runs due timers one due time at a time until the feed opens another socket (a backoff passes by hand).
   * @param {WebSocket[]} sockets
   */
  function advanceToReconnect(sockets) {
    const count = sockets.length;
    for (let i = 0; i < 20 && sockets.length === count && clock.timers.size; i++) clock.advance(Math.min(...clock.due));
    assert.equal(sockets.length, count + 1, 'a new socket');
  }

  /**
   * Heartbeats re-arm the liveness timer; silence past it drops the connection and reports it.
   * @param {Connection} connection
   * @param {ReturnType<typeof harness>['log']} log
   * @param {string} heartbeat
   * @param {number} liveness
   */
  async function expectLiveness(connection, log, heartbeat, liveness) {
    clock.advance(liveness - 1000);
    const heard = log.messages;
    connection.ws.send(heartbeat);
    await pulse.until(() => log.messages > heard, 'the heartbeat');
    // A full period of silence after the heartbeat, less a millisecond: still up.
    clock.advance(liveness - 1);
    assert.equal(log.statuses.at(-1)?.status, 'live');
    assert.equal(log.sockets.at(-1)?.readyState, WebSocket.OPEN);
    clock.advance(1);
    await pulse.until(() => connection.closed, 'the client to give up on the silent connection');
    assert.equal(statusList(log.statuses).at(-1), 'stale:timeout');
    assert.match(log.statuses.at(-1)?.error?.message ?? '', /^Connection to \w+ lost; reconnecting\.$/);
  }

  describe('kraken', () => {
    test(
      'subscribes as recorded, reports the recorded snapshot, and a refused pair as not listed',
      { timeout: 5000 },
      async () => {
        const h = harness(kraken, `${server.url}/v2`, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin', 'ethereum'] });
        const connection = await server.connection();
        assert.equal(connection.path, '/v2');
        // BTC/USD, never v1's XBT/USD: exactly the recorded request.
        assert.deepEqual(connection.received, [await json('kraken/v2_subscribe_ticker.request.json')]);
        const refusal = await json('kraken/v2_subscribe_error.unsupported_pair.recorded_2026-09-25.json');
        for (const frame of [
          await recorded('kraken/v2_status.recorded_2026-03-15.json'),
          await recorded('kraken/v2_subscribe_ack.recorded_2026-03-15.json'),
          await recorded('kraken/v2_ticker_snapshot.recorded_2026-03-15.json'),
          // As recorded: a pair this client never asked for, so nothing to report.
          JSON.stringify(refusal),
          JSON.stringify({ ...refusal, error: 'Currency pair not supported ETH/USD', symbol: 'ETH/USD' }),
        ]) {
          connection.ws.send(frame);
        }
        await pulse.until(() => h.log.unknown.length > 0, 'the refusal');
        assert.deepEqual(h.log.quotes, [
          [
            {
              id: 'bitcoin',
              symbol: 'BTC',
              name: 'Bitcoin',
              price: 71770.4,
              change24h: 1.54,
              currency: 'usd',
              updatedAt: clock.now(),
              source: 'kraken',
              high24h: 72000,
              low24h: 70510.9,
              volume24h: 636.8977771 * 71770.4,
            },
          ],
        ]);
        assert.deepEqual(statusList(h.log.statuses), ['live']);
        assert.deepEqual(h.log.unknown, [{ ids: ['ethereum'], unlistedOn: 'Kraken' }]);
        await expectClosed(connection);
      },
    );

    test(
      'reads the recorded update after the snapshot, and ignores one for a pair it did not ask for',
      { timeout: 5000 },
      async () => {
        const h = harness(kraken, `${server.url}/v2`, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin'] });
        const connection = await server.connection();
        const update = await json('kraken/v2_ticker_update.test_fixture_2023-09-25.json');
        assert.equal(update.data[0].symbol, 'ALGO/USD');
        connection.ws.send(await recorded('kraken/v2_ticker_snapshot.recorded_2026-03-15.json'));
        connection.ws.send(JSON.stringify(update));
        // The same update, as it would come for the pair asked for.
        connection.ws.send(JSON.stringify({ ...update, data: [{ ...update.data[0], symbol: 'BTC/USD' }] }));
        await pulse.until(() => h.log.quotes.length === 2, 'the update');
        assert.deepEqual(h.log.quotes[1], [
          {
            id: 'bitcoin',
            symbol: 'BTC',
            name: 'Bitcoin',
            price: 0.10035,
            change24h: -0.17,
            currency: 'usd',
            updatedAt: clock.now(),
            source: 'kraken',
            high24h: 0.10285,
            low24h: 0.09979,
            volume24h: 997038.98 * 0.10035,
          },
        ]);
        await expectClosed(connection);
      },
    );

    test(
      'an older refusal names its pair only in the error; a refused pair is not asked for again; none left closes the socket',
      { timeout: 5000 },
      async () => {
        const h = harness(kraken, `${server.url}/v2`, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin', 'ethereum'] });
        const connection = await server.connection();
        // "older/other captures omit `symbol`" (the fixtures' README).
        const { symbol, ...older } = await json('kraken/v2_subscribe_error.unsupported_pair.recorded_2026-09-25.json');
        assert.equal(older.error, `Currency pair not supported ${symbol}`);
        for (const pair of ['ETH/USD', 'BTC/USD'])
          connection.ws.send(JSON.stringify({ ...older, error: `Currency pair not supported ${pair}` }));
        await pulse.until(() => h.log.unknown.length === 2 && connection.closed, 'both refusals, then the close');
        assert.deepEqual(h.log.unknown, [
          { ids: ['ethereum'], unlistedOn: 'Kraken' },
          { ids: ['bitcoin'], unlistedOn: 'Kraken' },
        ]);
        // No socket kept open to be dropped and reopened for its silence, and none for the refused pairs again.
        assert.equal(clock.timers.size, 0);
        feed.want({ ids: ['bitcoin', 'ethereum'] });
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepEqual(h.log.unknown.at(-1), { ids: ['bitcoin', 'ethereum'], unlistedOn: 'Kraken' });
        assert.equal(h.log.sockets.length, 1);
        assert.equal(clock.timers.size, 0);
      },
    );

    test(
      'frames of the wrong shape or with no finite price: ignored or marked unusable, one warning each, nothing thrown',
      { timeout: 5000 },
      async () => {
        const warnings = captureWarnings();
        const h = harness(kraken, `${server.url}/v2`, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin'] });
        const connection = await server.connection();
        const snapshot = await recorded('kraken/v2_ticker_snapshot.recorded_2026-03-15.json');
        const [tick] = JSON.parse(snapshot).data;
        const { high, low, volume, ...bare } = tick;
        for (const frame of [
          // A ticker message whose data is not a list of tickers.
          '{"channel":"ticker","data":[null]}',
          '{"channel":"ticker","data":{}}',
          '{"channel":"ticker","data":"x"}',
          // 1e999 is valid JSON that parses to Infinity; "Infinity" is what a string-number feed could send.
          snapshot.replace('"last":71770.4', '"last":1e999'),
          snapshot.replace('"last":71770.4', '"last":"Infinity"'),
          // No range and no volume: the quote leaves them out rather than carry NaN over another source's.
          JSON.stringify({ channel: 'ticker', type: 'update', data: [bare] }),
        ]) {
          connection.ws.send(frame);
        }
        await pulse.until(() => h.log.quotes.length === 1, 'the ticker without a range');
        const warned = warnings.restore();
        assert.deepEqual(h.log.unusable, [['bitcoin'], ['bitcoin']]);
        assert.deepEqual(h.log.quotes[0], [
          {
            id: 'bitcoin',
            symbol: 'BTC',
            name: 'Bitcoin',
            price: 71770.4,
            change24h: 1.54,
            currency: 'usd',
            updatedAt: clock.now(),
            source: 'kraken',
          },
        ]);
        assert.deepEqual(warned, [
          'coin-ticker: Kraken sent unreadable data; ignoring it.',
          'coin-ticker: Kraken sent no usable price for bitcoin; keeping the last good one.',
        ]);
        assert.deepEqual({ high, low, volume }, { high: 72000, low: 70510.9, volume: 636.8977771 });
        await expectClosed(connection);
      },
    );

    test(
      'subscribes and unsubscribes as the wanted coins change, on the same socket; closes with the last',
      { timeout: 5000 },
      async () => {
        const h = harness(kraken, `${server.url}/v2`, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin', 'ethereum'] });
        const connection = await server.connection();
        feed.want({ ids: ['bitcoin'] });
        feed.want({ ids: ['bitcoin', 'litecoin', 'pirate-chain'] });
        // Half a second after the subscription, both changes go out together.
        clock.advance(499);
        assert.equal(connection.received.length, 1);
        clock.advance(1);
        await pulse.until(() => connection.received.length === 3, 'the changes');
        assert.deepEqual(connection.received.slice(1), [
          { method: 'unsubscribe', params: { channel: 'ticker', symbol: ['ETH/USD'] } },
          { method: 'subscribe', params: { channel: 'ticker', symbol: ['LTC/USD'] } },
        ]);
        assert.deepEqual(h.log.unknown, [{ ids: ['pirate-chain'], unlistedOn: 'Kraken' }]);
        feed.want({ ids: [] });
        await pulse.until(() => connection.closed, 'the close');
        assert.equal(server.connections.length, 1);
        assert.equal(h.log.sockets.length, 1);
        await expectClosed(connection);
      },
    );

    test(
      'a dropped connection: stale, then a new one with every subscription again, and live',
      { timeout: 5000 },
      async () => {
        const h = harness(kraken, `${server.url}/v2`, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin', 'ethereum'] });
        const first = await server.connection();
        const snapshot = await recorded('kraken/v2_ticker_snapshot.recorded_2026-03-15.json');
        first.ws.send(snapshot);
        await pulse.until(() => h.log.quotes.length === 1, 'the snapshot');
        first.ws.terminate();
        await pulse.until(() => statusList(h.log.statuses).length === 2, 'the drop');
        advanceToReconnect(h.log.sockets);
        const second = await server.connection(1);
        assert.deepEqual(second.received, first.received);
        second.ws.send(snapshot);
        await pulse.until(() => h.log.quotes.length === 2, 'the snapshot again');
        assert.deepEqual(statusList(h.log.statuses), ['live', 'stale:network', 'live']);
        await expectClosed(second);
      },
    );

    test('heartbeats keep a quiet connection; silence past 10 s drops it', { timeout: 5000 }, async () => {
      const h = harness(kraken, `${server.url}/v2`, clock, pulse);
      feed = h.feed;
      feed.want({ ids: ['bitcoin'] });
      const connection = await server.connection();
      connection.ws.send(await recorded('kraken/v2_ticker_snapshot.recorded_2026-03-15.json'));
      await pulse.until(() => h.log.quotes.length === 1, 'the snapshot');
      await expectLiveness(connection, h.log, await recorded('kraken/v2_heartbeat.recorded.json'), 10_000);
    });

    // `ws` emits 'error' for a refused handshake (any non-101 answer: 503 here, Binance's 451): unheard, Node throws.
    test('a refused connection (HTTP 503): stale, retried, nothing thrown', { timeout: 5000 }, async () => {
      const refusing = new WebSocketServer({
        host: '127.0.0.1',
        port: 0,
        verifyClient: (_info, done) => done(false, 503),
      });
      await new Promise((resolve) => refusing.once('listening', () => resolve(undefined)));
      const { port } = /** @type {import('node:net').AddressInfo} */ (refusing.address());
      try {
        const h = harness(kraken, `ws://127.0.0.1:${port}/v2`, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin'] });
        await pulse.until(() => h.log.statuses.length > 0, 'the refusal');
        assert.deepEqual(statusList(h.log.statuses), ['stale:network']);
        advanceToReconnect(h.log.sockets);
        feed.close();
      } finally {
        await new Promise((resolve) => refusing.close(() => resolve(undefined)));
      }
    });

    test('close() in the task that wanted a coin opens no socket at all', { timeout: 5000 }, async () => {
      const h = harness(kraken, `${server.url}/v2`, clock, pulse);
      feed = h.feed;
      feed.want({ ids: ['bitcoin'] });
      feed.close();
      // The socket would have been made in a microtask queued by want(): let it run.
      await Promise.resolve();
      assert.equal(h.log.sockets.length, 0);
      assert.equal(clock.timers.size, 0);
    });

    // Closing a socket still connecting makes `ws` emit 'error' too.
    test('close() before the socket opens throws nothing', { timeout: 5000 }, async () => {
      const h = harness(kraken, `${server.url}/v2`, clock, pulse);
      feed = h.feed;
      feed.want({ ids: ['bitcoin'] });
      // The socket is made in a microtask queued by want(), so it is still connecting after this one.
      await Promise.resolve();
      assert.equal(h.log.sockets[0].readyState, WebSocket.CONNECTING);
      feed.close();
      await pulse.until(() => h.log.sockets[0].readyState === WebSocket.CLOSED, 'the aborted socket');
      assert.equal(clock.timers.size, 0);
    });
  });

  describe('coinbase', () => {
    test(
      'subscribes ticker and heartbeat per product as recorded; the % from open_24h; the recorded errors',
      { timeout: 5000 },
      async () => {
        const h = harness(coinbase, server.url, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin', 'ethereum'] });
        const connection = await server.connection(0, 2);
        // One product per message, so one unknown product cannot fail the others.
        assert.deepEqual(
          connection.received[0],
          await json('coinbase/exchange_ws_subscribe_with_heartbeat.request.json'),
        );
        assert.deepEqual(connection.received[1], {
          type: 'subscribe',
          product_ids: ['ETH-USD'],
          channels: ['ticker', 'heartbeat'],
        });
        // The other recorded form names channels as objects; type and product_ids are the same.
        const other = await json('coinbase/exchange_ws_subscribe.request.json');
        assert.deepEqual(
          { type: connection.received[0].type, product_ids: connection.received[0].product_ids },
          { type: other.type, product_ids: other.product_ids },
        );
        for (const frame of [
          await recorded('coinbase/exchange_ws_subscriptions_ack.recorded_2025-06-06.json'),
          await recorded('coinbase/exchange_ws_ticker.recorded_2025-06-06.json'),
          await recorded('coinbase/exchange_ws_ticker.second.recorded_2025-06-06.json'),
          // Neither is about a product this client asked for.
          await recorded('coinbase/exchange_ws_error_delisted_product.json'),
          await recorded('coinbase/exchange_ws_error_auth_required_channels.json'),
          // "ETH-USD is not a valid product"
          await recorded('coinbase/exchange_ws_error_invalid_product.recorded_sandbox_2022.json'),
        ]) {
          connection.ws.send(frame);
        }
        await pulse.until(() => h.log.unknown.length > 0, 'the refusal');
        const change = ((102861.5 - 104700.88) / 104700.88) * 100;
        assert.equal(h.log.quotes.length, 2);
        for (const [quotes, volume] of /** @type {const} */ ([
          [h.log.quotes[0], 11263.64960739],
          [h.log.quotes[1], 11263.65145165],
        ])) {
          assert.equal(quotes.length, 1);
          const [quote] = quotes;
          assert.deepEqual(
            { ...quote, change24h: 0 },
            {
              id: 'bitcoin',
              symbol: 'BTC',
              name: 'Bitcoin',
              price: 102861.5,
              change24h: 0,
              currency: 'usd',
              updatedAt: clock.now(),
              source: 'coinbase',
              high24h: 105999.68,
              low24h: 100345.73,
              volume24h: volume * 102861.5,
            },
          );
          assert.ok(
            Math.abs(/** @type {number} */ (quote.change24h) - change) < 1e-9,
            `${quote.change24h} ≈ ${change}`,
          );
        }
        assert.equal(change.toFixed(4), '-1.7568');
        assert.deepEqual(statusList(h.log.statuses), ['live']);
        assert.deepEqual(h.log.unknown, [{ ids: ['ethereum'], unlistedOn: 'Coinbase' }]);
        // A refused product is not asked for again on this socket.
        feed.want({ ids: ['bitcoin'] });
        assert.equal(connection.received.length, 2);
        await expectClosed(connection);
      },
    );

    test(
      'heartbeats keep a quiet product alive; silence past 10 s drops the connection',
      { timeout: 5000 },
      async () => {
        const h = harness(coinbase, server.url, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['ethereum'] });
        const connection = await server.connection();
        connection.ws.send(await recorded('coinbase/exchange_ws_subscriptions_ack.recorded_2025-06-06.json'));
        connection.ws.send(
          JSON.stringify({
            ...(await json('coinbase/exchange_ws_ticker.recorded_2025-06-06.json')),
            product_id: 'ETH-USD',
          }),
        );
        await pulse.until(() => h.log.quotes.length === 1, 'the ticker');
        await expectLiveness(
          connection,
          h.log,
          await recorded('coinbase/exchange_ws_heartbeat.recorded_2022-07-19.json'),
          10_000,
        );
      },
    );
  });

  describe('binance', () => {
    test(
      'subscribes the combined ticker streams as recorded; keys the recorded ticker by its stream',
      { timeout: 5000 },
      async () => {
        const h = harness(binance, server.url, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin', 'ethereum'] });
        const connection = await server.connection();
        assert.equal(connection.path, '/stream');
        const request = await json('binance/ws_subscribe.request.json');
        const [sent] = connection.received;
        assert.deepEqual(Object.keys(sent).sort(), Object.keys(request).sort());
        assert.equal(sent.method, request.method);
        assert.equal(typeof sent.id, typeof request.id);
        // The same `<symbol>@<stream>` names as recorded, for the ticker stream (it has `P`; miniTicker has no %).
        assert.deepEqual(sent.params, ['btcusdt@ticker', 'ethusdt@ticker']);
        for (const name of request.params) assert.match(name, /^[a-z]+usdt@[a-zA-Z]+$/);
        // The docs' combined example wraps a BNBBTC payload in the btcusdt@ticker stream: the stream decides the coin.
        const ticker = await json('binance/ws_ticker.combined.docs_example.json');
        assert.equal(ticker.data.s, 'BNBBTC');
        connection.ws.send(await recorded('binance/ws_subscribe.ack.json'));
        connection.ws.send(JSON.stringify(ticker));
        await pulse.until(() => h.log.quotes.length === 1, 'the ticker');
        assert.deepEqual(h.log.quotes[0], [
          {
            id: 'bitcoin',
            symbol: 'BTC',
            name: 'Bitcoin',
            price: 0.0025,
            change24h: 250,
            currency: 'usd',
            updatedAt: clock.now(),
            source: 'binance',
            high24h: 0.0025,
            low24h: 0.001,
            volume24h: 10000 * 0.0025,
          },
        ]);
        assert.deepEqual(statusList(h.log.statuses), ['live']);
        feed.want({ ids: ['bitcoin'] });
        clock.advance(500);
        await pulse.until(() => connection.received.length === 2, 'the unsubscribe');
        assert.deepEqual(
          { ...connection.received[1], id: 0 },
          { method: 'UNSUBSCRIBE', params: ['ethusdt@ticker'], id: 0 },
        );
        await expectClosed(connection);
      },
    );

    /** A recorded raw `<symbol>@ticker` payload in the combined streams' wrapper, which names the stream. */
    const combined = async (/** @type {string} */ file) => {
      const data = await json(`binance/${file}`);
      return JSON.stringify({ stream: `${data.s.toLowerCase()}@ticker`, data });
    };

    test('reads the recorded tickers, decimals as strings and a falling P', { timeout: 5000 }, async () => {
      const h = harness(binance, server.url, clock, pulse);
      feed = h.feed;
      feed.want({ ids: ['bitcoin', 'binancecoin'] });
      const connection = await server.connection();
      connection.ws.send(await combined('ws_ticker.raw.recorded_2026-03-03.json'));
      connection.ws.send(await combined('ws_ticker.raw.bnbusdt.recorded_2024-03-22.json'));
      await pulse.until(() => h.log.quotes.length === 2, 'both tickers');
      const common = { currency: 'usd', updatedAt: clock.now(), source: 'binance' };
      assert.deepEqual(h.log.quotes, [
        [
          {
            id: 'bitcoin',
            symbol: 'BTC',
            name: 'Bitcoin',
            price: 68004.12,
            change24h: -2.071,
            ...common,
            high24h: 69506.94,
            low24h: 66158,
            volume24h: 25691.57255 * 68004.12,
          },
        ],
        [
          {
            id: 'binancecoin',
            symbol: 'BNB',
            name: 'BNB',
            price: 553.8,
            change24h: -0.699,
            ...common,
            high24h: 588.1,
            low24h: 541.7,
            volume24h: 1181388.682 * 553.8,
          },
        ],
      ]);
      await expectClosed(connection);
    });

    test(
      'changes made in one task go out as one message, and a later one waits out the half second',
      { timeout: 5000 },
      async () => {
        const h = harness(binance, server.url, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin'] });
        const connection = await server.connection();
        // Six elements upgrading in one task, each adding its coin: the store hands the feed each new union.
        const coins = ['ethereum', 'solana', 'dogecoin', 'cardano', 'litecoin', 'neo'];
        for (let i = 1; i <= coins.length; i++) feed.want({ ids: ['bitcoin', ...coins.slice(0, i)] });
        // Sent half a second after the subscription the connection opened with.
        assert.deepEqual(
          clock.due.filter((ms) => ms === 500),
          [500],
        );
        clock.advance(500);
        await pulse.until(() => connection.received.length === 2, 'the change');
        const streams = [
          'ethusdt@ticker',
          'solusdt@ticker',
          'dogeusdt@ticker',
          'adausdt@ticker',
          'ltcusdt@ticker',
          'neousdt@ticker',
        ];
        assert.deepEqual({ ...connection.received[1], id: 0 }, { method: 'SUBSCRIBE', params: streams, id: 0 });
        // Two more changes in later tasks, inside the half second (Binance allows 5 messages a second): they wait, and
        // then go out as one.
        feed.want({ ids: ['bitcoin', 'ethereum'] });
        await new Promise((resolve) => setImmediate(resolve));
        feed.want({ ids: ['bitcoin'] });
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepEqual(
          clock.due.filter((ms) => ms === 500),
          [500],
        );
        clock.advance(500);
        await pulse.until(() => connection.received.length === 3, 'the delayed change');
        assert.deepEqual({ ...connection.received[2], id: 0 }, { method: 'UNSUBSCRIBE', params: streams, id: 0 });
        await expectClosed(connection);
      },
    );

    test(
      'a connection is replaced before Binance ends it at 24 h: at once, and never stale',
      { timeout: 60_000 },
      async () => {
        const h = harness(binance, server.url, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin'] });
        const first = await server.connection();
        const ticker = await combined('ws_ticker.raw.recorded_2026-03-03.json');
        const start = clock.now();
        // A ticker every 25 s keeps the connection alive (its liveness is 30 s) until the client replaces it.
        while (h.log.sockets[0].readyState === WebSocket.OPEN) {
          const heard = h.log.quotes.length;
          first.ws.send(ticker);
          await pulse.until(() => h.log.quotes.length > heard, 'a ticker');
          clock.advance(25_000);
          if (clock.now() - start > 86_400_000) assert.fail('still connected at 24 h');
        }
        await pulse.until(() => first.closed, 'the server to see the close');
        // Replaced with no backoff to wait out, in the last minutes before Binance would close it.
        assert.equal(h.log.sockets.length, 2);
        const [opened, replaced] = h.log.made;
        assert.equal(opened, start);
        assert.ok(
          replaced - opened > 23.9 * 3_600_000 && replaced - opened < 24 * 3_600_000,
          `replaced after ${(replaced - opened) / 3_600_000} h`,
        );
        const second = await server.connection(1);
        assert.deepEqual(
          second.received.map((m) => m.params),
          [['btcusdt@ticker']],
        );
        const heard = h.log.quotes.length;
        second.ws.send(ticker);
        await pulse.until(() => h.log.quotes.length > heard, 'the ticker on the new connection');
        assert.deepEqual(statusList(h.log.statuses), ['live']);
        await expectClosed(second);
      },
    );

    test(
      'a pair acknowledged but silent for 20 s is not listed, once the connection shows it carries; one that has ticked is only quiet',
      { timeout: 5000 },
      async () => {
        const h = harness(binance, server.url, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin', 'neo'] });
        const connection = await server.connection();
        connection.ws.send(await recorded('binance/ws_subscribe.ack.json'));
        const ticker = await combined('ws_ticker.raw.recorded_2026-03-03.json');
        /** Bitcoin ticks, then `ms` pass. */
        const tick = async (/** @type {number} */ ms) => {
          const heard = h.log.quotes.length;
          connection.ws.send(ticker);
          await pulse.until(() => h.log.quotes.length > heard, 'a ticker');
          clock.advance(ms);
        };
        const probes = () => connection.received.filter((m) => m.method === 'LIST_SUBSCRIPTIONS').length;
        // NEO, acknowledged, never ticks.
        await tick(10_000);
        await tick(9_999);
        clock.advance(1);
        // Its time is up: the connection is probed, and NEO is given up only on the next message, which shows the
        // connection carries (here Bitcoin's next tick, before the probe's answer).
        await pulse.until(() => probes() === 1, 'the probe');
        assert.deepEqual(h.log.unknown, []);
        await tick(0);
        assert.deepEqual(h.log.unknown, [{ ids: ['neo'], unlistedOn: 'Binance' }]);
        assert.deepEqual(h.log.unusable, [['neo']]);
        // Ethereum, added later, gets its own 20 s; Bitcoin, heard from, is never given up on.
        feed.want({ ids: ['bitcoin', 'ethereum'] });
        await pulse.until(
          () => connection.received.some((m) => m.method === 'SUBSCRIBE' && m.params.includes('ethusdt@ticker')),
          'the change',
        );
        await tick(10_000);
        await tick(10_000);
        await pulse.until(() => probes() === 2, 'the second probe');
        await tick(0);
        assert.deepEqual(h.log.unknown.slice(1), [{ ids: ['ethereum'], unlistedOn: 'Binance' }]);
        assert.deepEqual(statusList(h.log.statuses), ['live']);
        assert.equal(connection.closed, false);
        await expectClosed(connection);
      },
    );

    test(
      'with its only pair silent, the probe is answered and the socket closes rather than reopen for the silence',
      { timeout: 5000 },
      async () => {
        const h = harness(binance, server.url, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['neo'] });
        const connection = await server.connection();
        connection.ws.send(await recorded('binance/ws_subscribe.ack.json'));
        await pulse.until(() => h.log.messages === 1, 'the acknowledgement');
        // Before the liveness timer (30 s) would drop the connection and open another.
        clock.advance(20_000);
        await pulse.until(() => connection.received.length === 2, 'the probe');
        const probe = connection.received[1];
        assert.deepEqual(Object.keys(probe).sort(), ['id', 'method']);
        assert.equal(probe.method, 'LIST_SUBSCRIPTIONS');
        assert.deepEqual(h.log.unknown, []);
        // The recorded answer, to this request.
        connection.ws.send(
          JSON.stringify({ ...(await json('binance/ws_list_subscriptions.response.docs.json')), id: probe.id }),
        );
        await pulse.until(() => connection.closed, 'the close');
        assert.deepEqual(h.log.unknown, [{ ids: ['neo'], unlistedOn: 'Binance' }]);
        assert.deepEqual(statusList(h.log.statuses), ['error:unlisted']);
        assert.equal(h.log.statuses[0].error?.message, 'Binance lists none of these coins.');
        assert.equal(clock.timers.size, 0);
        assert.equal(h.log.sockets.length, 1);
      },
    );

    test(
      'a connection that stalls is left to the liveness timer: no pair is given up for its silence',
      { timeout: 5000 },
      async () => {
        const h = harness(binance, server.url, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin'] });
        const first = await server.connection();
        const ticker = await combined('ws_ticker.raw.recorded_2026-03-03.json');
        first.ws.send(ticker);
        await pulse.until(() => h.log.quotes.length === 1, 'the ticker');
        clock.advance(1_000);
        feed.want({ ids: ['bitcoin', 'ethereum'] });
        await pulse.until(() => first.received.length === 2, 'the change');
        first.ws.send(await recorded('binance/ws_subscribe.ack.json'));
        await pulse.until(() => h.log.messages === 2, 'the acknowledgement');
        // From here the connection carries nothing, the probe's answer included.
        clock.advance(20_000);
        await pulse.until(() => first.received.some((m) => m.method === 'LIST_SUBSCRIPTIONS'), 'the probe');
        clock.advance(9_999);
        assert.deepEqual(h.log.unknown, []);
        clock.advance(1);
        await pulse.until(() => first.closed, 'the client to give up on the silent connection');
        assert.deepEqual(statusList(h.log.statuses), ['live', 'stale:timeout']);
        // The first drop after a stable connection reconnects at once, so the new socket is already there.
        assert.equal(h.log.sockets.length, 2);
        const second = await server.connection(1);
        assert.deepEqual(
          second.received.map((m) => m.params),
          [['btcusdt@ticker', 'ethusdt@ticker']],
        );
        assert.deepEqual(h.log.unknown, []);
        await expectClosed(second);
      },
    );

    test(
      'serverShutdown then close: reconnects at once and subscribes again, never stale',
      { timeout: 5000 },
      async () => {
        const h = harness(binance, server.url, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin'] });
        const first = await server.connection();
        first.ws.send(await recorded('binance/ws_ticker.combined.docs_example.json'));
        await pulse.until(() => h.log.quotes.length === 1, 'the ticker');
        first.ws.send(await recorded('binance/ws_serverShutdown.combined.docs.json'));
        first.ws.close(1000);
        await pulse.until(() => h.log.sockets.length === 1 && clock.due.includes(0), 'the planned reconnect');
        const time = clock.now();
        advanceToReconnect(h.log.sockets);
        assert.equal(clock.now(), time, 'no backoff');
        const second = await server.connection(1);
        assert.deepEqual(
          second.received.map((m) => m.params),
          [['btcusdt@ticker']],
        );
        assert.equal(first.closed, true);
        second.ws.send(await recorded('binance/ws_ticker.combined.docs_example.json'));
        await pulse.until(() => h.log.quotes.length === 2, 'the ticker again');
        assert.deepEqual(statusList(h.log.statuses), ['live']);
        await expectClosed(second);
      },
    );

    test(
      'serverShutdown on every new connection: the reconnects back off rather than storm, prices stale meanwhile',
      { timeout: 5000 },
      async () => {
        const h = harness(binance, server.url, clock, pulse);
        feed = h.feed;
        feed.want({ ids: ['bitcoin'] });
        const shutdown = await recorded('binance/ws_serverShutdown.combined.docs.json');
        const delays = [];
        for (let n = 0; n < 4; n++) {
          const connection = await server.connection(n);
          connection.ws.send(shutdown);
          await pulse.until(() => connection.closed, 'the client to leave the shutting-down server');
          const time = clock.now();
          advanceToReconnect(h.log.sockets);
          delays.push(clock.now() - time);
        }
        // At once the first time, then growing: 0.5 to 1 times 1 s, 2 s, 4 s (jittered).
        assert.equal(delays[0], 0);
        for (const [i, delay] of delays.slice(1).entries()) {
          assert.ok(delay >= 500 * 2 ** i && delay <= 1000 * 2 ** i, `delay ${i + 1}: ${delay} ms`);
        }
        // The first goes unnoticed; a reconnect that has to wait leaves the prices without a socket, and says so.
        assert.deepEqual(statusList(h.log.statuses), ['stale:network']);
        await expectClosed(await server.connection(4));
      },
    );

    test('the 24 h close (no notice) after a stable connection reconnects at once', { timeout: 5000 }, async () => {
      const h = harness(binance, server.url, clock, pulse);
      feed = h.feed;
      feed.want({ ids: ['bitcoin'] });
      const first = await server.connection();
      const ticker = await recorded('binance/ws_ticker.combined.docs_example.json');
      first.ws.send(ticker);
      await pulse.until(() => h.log.quotes.length === 1, 'the ticker');
      // Past the point where a connection counts as stable (the liveness timer is re-armed by each ticker).
      for (let i = 0; i < 3; i++) {
        clock.advance(20_000);
        first.ws.send(ticker);
        await pulse.until(() => h.log.quotes.length === i + 2, 'a ticker');
      }
      first.ws.close(1000);
      await pulse.until(() => statusList(h.log.statuses).length === 2, 'the close');
      const time = clock.now();
      advanceToReconnect(h.log.sockets);
      assert.equal(clock.now(), time, 'no backoff');
      const second = await server.connection(1);
      second.ws.send(ticker);
      await pulse.until(() => statusList(h.log.statuses).length === 3, 'live again');
      assert.deepEqual(statusList(h.log.statuses), ['live', 'stale:network', 'live']);
      await expectClosed(second);
    });
  });
});
