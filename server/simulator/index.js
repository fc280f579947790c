// @ts-check
/**
 * The market simulator's HTTP surface: the simulated feeds (CoinGecko under `/api/v3`, the exchanges' WebSocket streams
 * on `upgrade`) and its own routes. Every feed answers from the same `Market`.
 *
 *   GET  /sim/logos/<id>.svg  generated logo, the `image` of every CoinGecko answer
 *   POST /sim/fault           {"kind":"429"|"500"|"slow"|"garbage"|"none","count":n}: the next n /coins/markets
 *                             answers fail that way (count defaults to 1; a new fault replaces a pending one);
 *                             {"kind":"ws-…","feed":"kraken"|"coinbase"|"binance"|"all"} for the sockets:
 *                               ws-drop      every open socket of the feed cut (no close frame)
 *                               ws-silent    nothing sent, heartbeats and pings included, for `seconds` (default 10)
 *                               ws-garbage   one frame cut short, then one valid-JSON frame of an unknown shape
 *                               ws-shutdown  a planned close (1000); Binance announces it with `serverShutdown`
 *                               ws-refuse    new sockets refused (Binance HTTP 451, the others 503) for `seconds`,
 *                                            or for the next `count` attempts (default 1)
 *                               ws-none      clears pending silences and refusals
 *   GET  /sim/state           seed, ticks, requests served, the pending fault, the last /coins/markets request, and
 *                             under `ws` the tick rate and per feed: connections, messagesSent, pending faults
 *   POST /sim/tick            one market step now (for tests that run the server with ticking off)
 *   POST /sim/beat            one exchange second now: heartbeats, pings, fault countdowns (with heartbeatMs 0)
 *
 *   WS   /kraken/v2           Kraken v2           (kraken.js)
 *   WS   /coinbase            Coinbase Exchange   (coinbase.js)
 *   WS   /binance/ws/<s>, /binance/stream?streams=a/b, /binance/ws, /binance/stream   Binance (binance.js)
 */
import { binance } from './binance.js';
import { coinbase } from './coinbase.js';
import { createCoinGeckoApi } from './coingecko.js';
import { createExchanges, WS_FAULT_KINDS } from './exchanges.js';
import { FAULT_KINDS, Faults } from './faults.js';
import { kraken } from './kraken.js';
import { logoSvg } from './logos.js';
import { CORS_HEADERS, PREFLIGHT_HEADERS, readBody, send, sendJson } from '../respond.js';

/** @typedef {import('./market.js').Market} Market */
/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

/** A Host header we are willing to echo into logo URLs: a host name or IP literal and an optional port. */
const HOST_RE = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * @typedef {object} SimulatorOptions
 * @property {Market} market
 * @property {string} fallbackOrigin Origin for logo URLs when a request has no usable Host header.
 * @property {number} [slowMs] Delay of the `slow` fault.
 * @property {number} [wsRate] Exchange ticks per second, all exchanges together; 0: only by `exchangeTick()`.
 * @property {number} [heartbeatMs] Period of the exchanges' one-second beat; 0: only by `exchangeBeat()`.
 */

/** @param {SimulatorOptions} options */
export function createSimulator({ market, fallbackOrigin, slowMs, wsRate = 0, heartbeatMs = 0 }) {
  const faults = new Faults();
  const exchanges = createExchanges({ market, protocols: [kraken, coinbase, binance], rate: wsRate, heartbeatMs });
  /** @type {import('./coingecko.js').ApiStats} */
  const stats = { requests: 0, markets: 0, lastMarkets: null };
  const specs = new Map(market.specs.map((s) => [s.id, s]));

  /**
   * @param {Request} req
   * @param {string} id
   */
  const imageUrl = (req, id) => {
    const host = req.headers.host;
    const origin = host && HOST_RE.test(host) ? `http://${host}` : fallbackOrigin;
    return `${origin}/sim/logos/${encodeURIComponent(id)}.svg`;
  };
  const coingecko = createCoinGeckoApi({ market, faults, stats, imageUrl, slowMs });

  function state() {
    return {
      seed: market.seed,
      stepMs: market.stepMs,
      ticks: market.ticks,
      coins: market.ids.length,
      requests: stats.requests,
      marketsRequests: stats.markets,
      faultsServed: faults.served,
      fault: faults.pending,
      lastMarketsRequest: stats.lastMarkets,
      ws: exchanges.state(),
    };
  }

  /**
   * @param {Request} req
   * @param {Response} res
   */
  async function postFault(req, res) {
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return sendJson(res, 400, { error: 'expected a JSON body like {"kind":"429","count":3}' }, CORS_HEADERS);
    }
    const kind = body?.kind;
    if (typeof kind === 'string' && kind.startsWith('ws-')) {
      const result = exchanges.fault(body);
      return sendJson(res, 'error' in result ? 400 : 200, result, CORS_HEADERS);
    }
    if (typeof kind !== 'string' || !FAULT_KINDS.includes(kind)) {
      return sendJson(
        res,
        400,
        { error: `kind must be one of ${[...FAULT_KINDS, ...WS_FAULT_KINDS].join(', ')}` },
        CORS_HEADERS,
      );
    }
    const error = faults.set(body);
    if (error) return sendJson(res, 400, { error }, CORS_HEADERS);
    return sendJson(res, 200, { fault: faults.pending }, CORS_HEADERS);
  }

  /**
   * @param {Request} req
   * @param {Response} res
   * @param {URL} url
   */
  function handleSim(req, res, url) {
    const { pathname } = url;
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, PREFLIGHT_HEADERS).end();
      return;
    }
    const logo = /^\/sim\/logos\/([a-z0-9-]+)\.svg$/.exec(pathname);
    if (logo && (method === 'GET' || method === 'HEAD')) {
      const spec = specs.get(logo[1]);
      if (!spec) return sendJson(res, 404, { error: 'coin not found' }, CORS_HEADERS);
      return send(res, 200, logoSvg(spec), {
        ...CORS_HEADERS,
        'content-type': 'image/svg+xml',
        'cache-control': 'public, max-age=86400',
      });
    }
    if (pathname === '/sim/state' && (method === 'GET' || method === 'HEAD')) {
      return sendJson(res, 200, state(), { ...CORS_HEADERS, 'cache-control': 'no-store' });
    }
    if (pathname === '/sim/fault' && method === 'POST') {
      postFault(req, res).catch((error) => sendJson(res, 400, { error: String(error.message) }, CORS_HEADERS));
      return;
    }
    if (pathname === '/sim/tick' && method === 'POST') {
      market.tick();
      return sendJson(res, 200, { ticks: market.ticks }, CORS_HEADERS);
    }
    if (pathname === '/sim/beat' && method === 'POST') {
      exchanges.beat();
      return sendJson(res, 200, { ws: exchanges.state() }, CORS_HEADERS);
    }
    return sendJson(res, 404, { error: 'Not Found' }, CORS_HEADERS);
  }

  return {
    market,
    faults,
    state,

    /**
     * Answers the request if it is the simulator's (`/api/v3/*`, `/sim/*`).
     * @param {Request} req
     * @param {Response} res
     * @param {URL} url
     * @returns {boolean}
     */
    handle(req, res, url) {
      if (coingecko.handle(req, res, url)) return true;
      if (url.pathname !== '/sim' && !url.pathname.startsWith('/sim/')) return false;
      handleSim(req, res, url);
      return true;
    },

    /** Takes a WebSocket upgrade if its path is an exchange's; false when it is not (the caller answers 404). */
    upgrade: exchanges.upgrade,

    /** One exchange tick: moves one listed coin (a random one when absent) and sends its subscribers the update. */
    exchangeTick: exchanges.tick,

    /** One second on every exchange: heartbeats, Binance's ping, Coinbase's subscribe deadline, fault countdowns. */
    exchangeBeat: exchanges.beat,

    /** Stops everything pending (slow answers, exchange timers) and drops every socket. */
    close() {
      coingecko.close();
      exchanges.close();
    },
  };
}
