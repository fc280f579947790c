// @ts-check
/**
 * coin-ticker-relay: the package's own compiled store and feeds (`dist/npm`, DOM-free for this reason), run once
 * upstream with `ws`'s WebSocket, and served to every visitor over HTTP (a CoinGecko-compatible snapshot) and one
 * socket each. Relays share nothing: run as many as the traffic needs behind any load balancer.
 *
 * The store and feeds keep page-wide settings (`configure`): one relay per process.
 */
import http from 'node:http';
import { WebSocket } from 'ws';
import { configure } from '../../dist/npm/core/config.js';
import { systemClock } from '../../dist/npm/core/clock.js';
import '../../dist/npm/register/auto.js';
import '../../dist/npm/register/coingecko.js';
import '../../dist/npm/register/kraken.js';
import '../../dist/npm/register/coinbase.js';
import '../../dist/npm/register/binance.js';
import { createHttpHandler } from './http.js';
import { Stream } from './stream.js';
import { Upstream } from './upstream.js';

/** @typedef {import('./options.js').RelayOptions} RelayOptions */
/** @typedef {import('../../dist/npm/core/clock.js').Clock} Clock */

/** Sockets that have not finished their close handshake by then are cut: SIGTERM must end within 5 s. */
const CLOSE_GRACE = 3000;

/**
 * @typedef {object} Relay
 * @property {http.Server} server
 * @property {string} url Base URL, no trailing slash.
 * @property {Upstream} upstream
 * @property {Stream} stream
 * @property {() => Promise<void>} close Stops accepting, closes sockets with 1001, stops upstream. Safe to call twice.
 */

/**
 * A function that takes the API key out of any text, for everything the relay writes or sends.
 * @param {string | undefined} key
 * @returns {(text: string) => string}
 */
export const redactor = (key) => (key ? (text) => String(text).split(key).join('[COINGECKO_API_KEY]') : String);

/**
 * Starts a relay; resolves once it listens.
 * @param {RelayOptions & { clock?: Clock, maxBuffered?: number }} options `clock` for tests (every timer, the
 *   store's and feeds' included); `maxBuffered` bytes waiting for a client before it is dropped.
 * @returns {Promise<Relay>}
 */
export async function createRelay(options) {
  const clock = options.clock ?? systemClock;
  const redact = redactor(options.apiKey);
  configure({
    WebSocket,
    clock,
    endpoints: options.endpoints,
    apiKey: options.apiKey,
    // A server has no page to paint next time: nothing is cached between runs.
    storage: null,
  });
  const upstream = new Upstream({
    feed: options.feed,
    endpoint: /** @type {Record<string, string>} */ (options.endpoints)[options.feed],
    apiKey: options.apiKey,
    interval: options.interval,
    currencies: options.currencies,
    coins: options.coins,
    maxCoins: options.maxCoins,
    clock,
  });
  const { origins } = options;
  const originAllowed = (/** @type {string | undefined} */ origin) =>
    !origins || (!!origin && origins.includes(origin));
  const stream = new Stream({
    upstream,
    clock,
    originAllowed,
    trustProxy: options.trustProxy,
    maxConnections: options.maxConnections,
    redact,
    maxBuffered: options.maxBuffered,
  });
  const handle = createHttpHandler({ upstream, stream, clock, origins, feed: options.feed, redact });
  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      console.error(redact(String(/** @type {Error} */ (error)?.stack ?? error)));
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"internal error"}');
    }
  });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://relay').pathname === '/stream') return stream.upgrade(req, socket, head);
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  // Snapshot-only coins are let go ten minutes after the last request for them.
  /** @type {unknown} */
  let sweeper;
  const sweep = () => {
    for (const channel of upstream.channels.values()) channel.sweep(clock.monotonic());
    sweeper = clock.setTimeout(sweep, 60_000);
  };
  sweeper = clock.setTimeout(sweep, 60_000);

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  /** @type {Promise<void> | undefined} */
  let closing;
  const close = () =>
    (closing ??= (async () => {
      clock.clearTimeout(sweeper);
      const stopped = new Promise((resolve) => server.close(resolve));
      // Keep-alive HTTP connections would hold the port until they time out.
      server.closeIdleConnections();
      await stream.close(CLOSE_GRACE);
      upstream.close();
      handle.stop();
      server.closeAllConnections();
      await stopped;
    })());

  return { server, url: `http://${host}:${address.port}`, upstream, stream, close };
}
