// @ts-check
/**
 * The demo server: static demo files plus the market simulator (HTTP, and the exchanges' WebSocket streams on
 * `upgrade`), on one `node:http` server.
 */
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { Market } from './simulator/market.js';
import { createSimulator } from './simulator/index.js';
import { serveStatic } from './static.js';
import { sendJson, sendText } from './respond.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

/**
 * @typedef {object} DemoServerOptions
 * @property {number} [port] 0 lets the OS pick (tests). Default 8000.
 * @property {string} [host] Default 127.0.0.1.
 * @property {number} [tickMs] Market tick period; 0 disables the timer (tests tick by hand). Default 2000.
 * @property {number} [seed] Market PRNG seed; random when absent.
 * @property {readonly import('./simulator/coins.js').CoinSpec[]} [coins] The simulated coins; the demo's 22 when absent.
 * @property {() => number} [now] Market clock, ms. Default `Date.now`.
 * @property {number} [slowMs] Delay of the `slow` fault. Default 15000.
 * @property {number} [wsRate] Exchange ticks per second over all exchange sockets (each moves one coin a little); 0
 *   disables the timer (tests call `simulator.exchangeTick()`). Default 4.
 * @property {number} [heartbeatMs] Period of the exchanges' one-second beat (heartbeats, pings, fault countdowns); 0
 *   disables the timer (tests call `simulator.exchangeBeat()`). Default 1000.
 * @property {string} [root] Folder holding `demo/` and `dist/`. Default the repository.
 * @property {() => string | undefined} [relayUrl] Where the relay `npm start` runs beside the demo is, once it runs:
 *   the demo page's "Relay" source asks `/demo/relay.json`.
 */

/**
 * @typedef {object} DemoServer
 * @property {http.Server} server
 * @property {string} url Base URL, no trailing slash: `http://127.0.0.1:8000`.
 * @property {Market} market
 * @property {ReturnType<typeof createSimulator>} simulator
 * @property {() => Promise<void>} close Stops ticking, drops open connections, frees the port. Safe to call twice.
 */

/**
 * Starts the server; resolves once it listens.
 * @param {DemoServerOptions} [options]
 * @returns {Promise<DemoServer>}
 */
export async function createDemoServer({
  port = 8000,
  host = '127.0.0.1',
  tickMs = 2000,
  seed,
  coins,
  now,
  slowMs,
  wsRate = 4,
  heartbeatMs = 1000,
  root = REPO_ROOT,
  relayUrl,
} = {}) {
  const market = new Market({ coins, seed, now, stepMs: tickMs || 2000 });
  /** @type {ReturnType<typeof createSimulator> | undefined} */
  let simulator;

  const server = http.createServer((req, res) => {
    let url;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendText(res, 400, 'Bad Request\n');
    }
    try {
      if (simulator?.handle(req, res, url)) return;
      if (url.pathname === '/demo/relay.json')
        return sendJson(res, 200, { url: relayUrl?.() ?? null }, { 'cache-control': 'no-store' });
      serveStatic(req, res, url, root).catch((error) => fail(res, error));
    } catch (error) {
      fail(res, error);
    }
  });

  server.on('upgrade', (req, socket, head) => {
    if (simulator?.upgrade(req, socket, head)) return;
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });

  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  simulator = createSimulator({ market, fallbackOrigin: url, slowMs, wsRate, heartbeatMs });
  const timer = tickMs > 0 ? setInterval(() => market.tick(), tickMs) : undefined;

  /** @type {Promise<void> | undefined} */
  let closing;
  const close = () => {
    closing ??= new Promise((resolve, reject) => {
      clearInterval(timer);
      // Drops the exchange sockets too: upgraded connections would hold the port open.
      simulator?.close();
      server.close((error) => (error ? reject(error) : resolve()));
      // Keep-alive sockets would hold the port until they time out.
      server.closeAllConnections();
    });
    return closing;
  };

  return { server, url, market, simulator, close };
}

/**
 * @param {http.ServerResponse} res
 * @param {unknown} error
 */
function fail(res, error) {
  console.error(error);
  if (res.headersSent) res.destroy();
  else sendText(res, 500, 'Internal Server Error\n');
}
