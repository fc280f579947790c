// @ts-check
/**
 * The relay under test: started in this process on 127.0.0.1 at an OS-picked port, in front of the market simulator
 * (test/server/helpers.js), on a clock that moves only when a test says so. Its flushes, heartbeats and CoinGecko
 * polls run on that clock; sockets and HTTP are real.
 */
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { createRelay } from '../../server/relay/index.js';

export { startServer } from '../server/helpers.js';

/** Time that moves only when a test says so. */
export class FakeClock {
  time = Date.parse('2026-02-17T16:00:00Z');
  /** @type {Map<number, { at: number, callback: () => void }>} */
  timers = new Map();
  nextId = 1;
  now = () => this.time;
  monotonic = () => this.time;
  /** @type {(callback: () => void, ms: number) => number} */
  setTimeout = (callback, ms) => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  };
  clearTimeout = (/** @type {unknown} */ handle) => {
    this.timers.delete(/** @type {number} */ (handle));
  };
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
 * Waits for something another party does over the network (the simulator answering the relay), re-checking after
 * each turn of the event loop; fails rather than hang.
 * @param {() => boolean | Promise<boolean>} check
 * @param {string} what
 */
export async function until(check, what) {
  for (let i = 0; i < 2000; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/**
 * A relay in front of the simulator, closed when the test ends.
 * @param {import('node:test').TestContext} t
 * @param {Awaited<ReturnType<typeof import('../server/helpers.js').startServer>>} sim
 * @param {Partial<import('../../server/relay/options.js').RelayOptions> & { maxBuffered?: number }} [options]
 */
export async function startRelay(t, sim, options = {}) {
  const clock = new FakeClock();
  const relay = await createRelay({
    port: 0,
    host: '127.0.0.1',
    feed: 'auto',
    endpoints: {
      coingecko: `${sim.url}/api/v3`,
      kraken: sim.wsUrl('/kraken/v2'),
      coinbase: sim.wsUrl('/coinbase'),
      binance: sim.wsUrl('/binance'),
    },
    interval: 10,
    coins: undefined,
    maxCoins: 250,
    currencies: ['usd', 'eur'],
    origins: undefined,
    trustProxy: false,
    maxConnections: 20,
    clock,
    ...options,
  });
  t.after(() => relay.close());
  const usd = /** @type {import('../../server/relay/upstream.js').Channel} */ (relay.upstream.channels.get('usd'));
  return {
    ...relay,
    clock,
    usd,
    streamUrl: relay.url.replace(/^http/, 'ws') + '/stream',
    /** Lets the relay flush every client's slot once. */
    flush: () => clock.advance(500),
    /** @param {string} path @param {RequestInit} [init] */
    get: (path, init) => fetch(relay.url + path, init),
  };
}

/**
 * A client socket that queues every frame, so a test reads them in order (waiting on the message event, never a
 * timer). Heartbeats are kept apart: `next()` skips them.
 * @param {import('node:test').TestContext} t
 * @param {string} url
 * @param {import('ws').ClientOptions} [options]
 */
export async function connect(t, url, options) {
  const ws = new WebSocket(url, options);
  t.after(() => ws.terminate());
  /** @type {any[]} */
  const frames = [];
  /** @type {any[]} */
  const heartbeats = [];
  /** @type {(() => void)[]} */
  const waiting = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    (message.type === 'heartbeat' ? heartbeats : frames).push(message);
    for (const wake of waiting.splice(0)) wake();
  });
  const closed = new Promise((resolve) => {
    ws.on('close', (code, reason) => {
      for (const wake of waiting.splice(0)) wake();
      resolve({ code, reason: String(reason) });
    });
  });
  await once(ws, 'open');
  return {
    ws,
    frames,
    heartbeats,
    /** @returns {Promise<any>} the next frame that is not a heartbeat */
    async next() {
      while (!frames.length) {
        if (ws.readyState !== WebSocket.OPEN) throw new Error('socket closed while waiting');
        await new Promise((resolve) => waiting.push(() => resolve(undefined)));
      }
      return frames.shift();
    },
    /**
     * The next frame of this type, skipping others.
     * @param {string} type
     */
    async nextOf(type) {
      for (;;) {
        const frame = await this.next();
        if (frame.type === type) return frame;
      }
    },
    /** @param {unknown} value a string is sent as it is, anything else as JSON */
    send: (value) => ws.send(typeof value === 'string' ? value : JSON.stringify(value)),
    /** @returns {Promise<{ code: number, reason: string }>} */
    closed: () => /** @type {any} */ (closed),
    /** Resolves once everything the relay sent before now has arrived: it answers a ping in order. */
    async settle() {
      ws.ping();
      await once(ws, 'pong');
    },
  };
}

/**
 * An upgrade the relay refuses: its status and JSON body.
 * @param {string} url
 * @param {import('ws').ClientOptions} [options]
 * @returns {Promise<{ status: number, body: any }>}
 */
export function refused(url, options) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.on('open', () => {
      ws.terminate();
      reject(new Error('the upgrade was accepted'));
    });
    ws.on('error', () => {});
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) }));
    });
  });
}

/**
 * What the `coingecko` feed gets when a page points it at the relay's snapshot, in Node: US dollars, the real fetch,
 * and a clock whose timers never fire, so it asks once. `callbacks` hears what it reports.
 * @param {{ url: string }} relay
 * @param {Pick<import('../../dist/npm/core/feed.js').FeedContext, 'onQuotes' | 'onStatus' | 'onUnknown' | 'onTop'>} callbacks
 * @returns {import('../../dist/npm/core/feed.js').FeedContext}
 */
export function snapshotContext(relay, callbacks) {
  return {
    currency: 'usd',
    endpoint: `${relay.url}/api/v3`,
    endpoints: {},
    interval: () => 60,
    fetch,
    WebSocket: /** @type {any} */ (undefined),
    clock: { now: Date.now, monotonic: () => performance.now(), setTimeout: () => 0, clearTimeout: () => {} },
    ...callbacks,
  };
}
