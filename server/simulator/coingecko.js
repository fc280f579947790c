// @ts-check
/**
 * CoinGecko API v3, simulated: `/ping`, `/coins/markets`, `/simple/price`, `/simple/supported_vs_currencies`, in the
 * real wire format (see the fixtures in test/fixtures/feeds/coingecko), answered from the `Market`.
 */
import { CHANGE_PERIODS, CURRENCIES } from './market.js';
import { CORS_HEADERS, PREFLIGHT_HEADERS, sendJson, sendText } from '../respond.js';

/** @typedef {import('./market.js').Market} Market */
/** @typedef {import('./market.js').MarketQuote} MarketQuote */
/** @typedef {import('./faults.js').Faults} Faults */
/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

export const API_PREFIX = '/api/v3';

/** The recorded 429 body (error_429_rate_limited.json). */
export const RATE_LIMIT_BODY = Object.freeze({
  status: {
    error_code: 429,
    error_message:
      "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits.",
  },
});

/** Seconds a rate-limited client is told to wait. CoinGecko sends 119 s; 30 keeps the demo watchable. */
export const RETRY_AFTER_SECONDS = 30;

/** CoinGecko's `per_page` range and default. */
const PER_PAGE_MAX = 250;
const PER_PAGE_DEFAULT = 100;

const ORDERS = Object.freeze({
  market_cap_desc: (/** @type {MarketQuote} */ a, /** @type {MarketQuote} */ b) => b.marketCap - a.marketCap,
  market_cap_asc: (/** @type {MarketQuote} */ a, /** @type {MarketQuote} */ b) => a.marketCap - b.marketCap,
  volume_desc: (/** @type {MarketQuote} */ a, /** @type {MarketQuote} */ b) => b.volume24h - a.volume24h,
  volume_asc: (/** @type {MarketQuote} */ a, /** @type {MarketQuote} */ b) => a.volume24h - b.volume24h,
  id_asc: (/** @type {MarketQuote} */ a, /** @type {MarketQuote} */ b) => a.id.localeCompare(b.id),
  id_desc: (/** @type {MarketQuote} */ a, /** @type {MarketQuote} */ b) => b.id.localeCompare(a.id),
});

/**
 * @typedef {object} ApiStats
 * @property {number} requests Every API request answered.
 * @property {number} markets `/coins/markets` requests.
 * @property {{ at: string, query: string, demoKey: string | null, proKey: string | null } | null} lastMarkets
 */

/**
 * @typedef {object} Answer
 * @property {number} status
 * @property {unknown} body
 */

/**
 * @param {URLSearchParams} params
 * @param {string} name
 */
function list(params, name) {
  const value = params.get(name);
  if (value === null) return null;
  return value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Prices as CoinGecko sends them: `precision=full` unrounded, `precision=0..18` to that many decimals, otherwise
 * eight significant digits (enough for 113422.41 and 0.0000123, without float noise).
 * @param {string | null} precision
 * @returns {(value: number) => number}
 */
function priceRounder(precision) {
  if (precision === 'full') return (v) => v;
  if (precision !== null && /^(1[0-8]|[0-9])$/.test(precision)) {
    const digits = Number(precision);
    return (v) => Number(v.toFixed(digits));
  }
  return (v) => Number(v.toPrecision(8));
}

/**
 * @param {number} value
 * @param {number} decimals
 */
function round(value, decimals) {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/**
 * The `/coins/markets` answer for a query: status and JSON body.
 * @param {Market} market
 * @param {URLSearchParams} params
 * @param {(id: string) => string} imageUrl
 * @returns {Answer}
 */
export function marketsAnswer(market, params, imageUrl) {
  const vs = params.get('vs_currency');
  if (!vs) return { status: 400, body: { error: 'Missing parameter vs_currency' } };
  const currency = vs.trim().toLowerCase();
  if (!market.supports(currency)) return { status: 400, body: { error: 'invalid vs_currency' } };

  // CoinGecko's priority: ids, then names, then symbols; none of them means every coin.
  const ids = list(params, 'ids');
  const names = list(params, 'names');
  const symbols = list(params, 'symbols');
  /** @type {(q: MarketQuote) => boolean} */
  let wanted = () => true;
  if (ids) wanted = (q) => ids.includes(q.id);
  else if (names) wanted = (q) => names.includes(q.name.toLowerCase());
  else if (symbols) wanted = (q) => symbols.includes(q.symbol.toLowerCase());

  const order = ORDERS[/** @type {keyof typeof ORDERS} */ (params.get('order') ?? '')] ?? ORDERS.market_cap_desc;
  const perPageParam = Number.parseInt(params.get('per_page') ?? '', 10);
  const perPage = Number.isNaN(perPageParam) ? PER_PAGE_DEFAULT : Math.min(Math.max(perPageParam, 1), PER_PAGE_MAX);
  const pageParam = Number.parseInt(params.get('page') ?? '', 10);
  const page = Number.isNaN(pageParam) || pageParam < 1 ? 1 : pageParam;

  const sparkline = params.get('sparkline') === 'true';
  const periods = (list(params, 'price_change_percentage') ?? []).filter((p) => CHANGE_PERIODS.includes(p));
  const price = priceRounder(params.get('precision'));

  const quotes = market
    .quotes(currency)
    .filter(wanted)
    .sort(order)
    .slice((page - 1) * perPage, page * perPage);
  return {
    status: 200,
    body: quotes.map((q) => marketsEntry(q, { sparkline, periods, price, image: imageUrl(q.id) })),
  };
}

/**
 * One `/coins/markets` element, keys in CoinGecko's order.
 * @param {MarketQuote} q
 * @param {{ sparkline: boolean, periods: string[], price: (v: number) => number, image: string }} options
 */
function marketsEntry(q, { sparkline, periods, price, image }) {
  /** @type {Record<string, unknown>} */
  const entry = {
    id: q.id,
    symbol: q.symbol.toLowerCase(),
    name: q.name,
    image,
    current_price: price(q.price),
    market_cap: Math.round(q.marketCap),
    market_cap_rank: q.rank,
    fully_diluted_valuation: q.fullyDilutedValuation === null ? null : Math.round(q.fullyDilutedValuation),
    total_volume: Math.round(q.volume24h),
    high_24h: price(q.high24h),
    low_24h: price(q.low24h),
    price_change_24h: q.change24h,
    price_change_percentage_24h: round(q.changePct24h, 5),
    market_cap_change_24h: q.marketCapChange24h,
    market_cap_change_percentage_24h: round(q.marketCapChangePct24h, 5),
    circulating_supply: q.circulatingSupply,
    total_supply: q.totalSupply,
    max_supply: q.maxSupply,
    ath: price(q.ath),
    ath_change_percentage: round(((q.price - q.ath) / q.ath) * 100, 5),
    ath_date: q.athDate,
    atl: price(q.atl),
    atl_change_percentage: round(((q.price - q.atl) / q.atl) * 100, 5),
    atl_date: q.atlDate,
    roi: null,
    last_updated: new Date(q.updatedAt).toISOString(),
  };
  if (sparkline) entry.sparkline_in_7d = { price: q.sparkline };
  for (const p of periods) entry[`price_change_percentage_${p}_in_currency`] = q.changes[p];
  return entry;
}

/**
 * The `/simple/price` answer: an object keyed by coin id, unknown ids and unsupported currencies left out.
 * @param {Market} market
 * @param {URLSearchParams} params
 * @returns {Answer}
 */
export function simplePriceAnswer(market, params) {
  const ids = list(params, 'ids');
  if (!ids) return { status: 400, body: { error: 'Missing parameter ids' } };
  const currencies = list(params, 'vs_currencies');
  if (!currencies) return { status: 400, body: { error: 'Missing parameter vs_currencies' } };
  const flag = (/** @type {string} */ name) => params.get(name) === 'true';
  const price =
    params.get('precision') === null ? (/** @type {number} */ v) => v : priceRounder(params.get('precision'));
  /** @type {Record<string, Record<string, number>>} */
  const body = {};
  for (const id of ids) {
    if (!market.has(id)) continue;
    /** @type {Record<string, number>} */
    const entry = {};
    let updatedAt = 0;
    for (const vs of currencies) {
      const q = market.quote(id, vs);
      if (!q) continue;
      entry[vs] = price(q.price);
      if (flag('include_market_cap')) entry[`${vs}_market_cap`] = q.marketCap;
      if (flag('include_24hr_vol')) entry[`${vs}_24h_vol`] = q.volume24h;
      if (flag('include_24hr_change')) entry[`${vs}_24h_change`] = q.changePct24h;
      updatedAt = q.updatedAt;
    }
    if (flag('include_last_updated_at') && updatedAt) entry.last_updated_at = Math.floor(updatedAt / 1000);
    body[id] = entry;
  }
  return { status: 200, body };
}

/**
 * @typedef {object} CoinGeckoApiOptions
 * @property {Market} market
 * @property {Faults} faults Applied to `/coins/markets` only.
 * @property {ApiStats} stats Updated in place.
 * @property {(req: Request, id: string) => string} imageUrl Absolute logo URL for a coin.
 * @property {number} [slowMs] Delay of the `slow` fault; 15 s, longer than any sensible client timeout.
 */

/**
 * The HTTP side: routes `/api/v3/*`, applies CORS and faults.
 * @param {CoinGeckoApiOptions} options
 */
export function createCoinGeckoApi({ market, faults, stats, imageUrl, slowMs = 15_000 }) {
  /** Slow answers waiting to be sent: cleared on close so nothing keeps the process alive. */
  /** @type {Map<NodeJS.Timeout, Response>} */
  const delayed = new Map();

  /**
   * @param {Request} req
   * @param {Response} res
   * @param {URL} url
   */
  function markets(req, res, url) {
    stats.markets++;
    const header = (/** @type {string} */ name) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : null;
    };
    stats.lastMarkets = {
      at: new Date().toISOString(),
      query: url.search,
      demoKey: header('x-cg-demo-api-key') ?? url.searchParams.get('x_cg_demo_api_key'),
      proKey: header('x-cg-pro-api-key') ?? url.searchParams.get('x_cg_pro_api_key'),
    };
    const answer = () => marketsAnswer(market, url.searchParams, (id) => imageUrl(req, id));
    switch (faults.take()) {
      case '429':
        return sendJson(res, 429, RATE_LIMIT_BODY, { ...CORS_HEADERS, 'retry-after': String(RETRY_AFTER_SECONDS) });
      case '500':
        return sendJson(
          res,
          500,
          { status: { error_code: 500, error_message: 'Internal Server Error' } },
          CORS_HEADERS,
        );
      case 'garbage': {
        // A 200 that claims JSON but is cut short, as a dropped proxy connection leaves it.
        const text = JSON.stringify(answer().body);
        return sendText(res, 200, text.slice(0, Math.max(1, Math.floor(text.length / 2))), {
          ...CORS_HEADERS,
          'content-type': 'application/json; charset=utf-8',
        });
      }
      case 'slow': {
        const timer = setTimeout(() => {
          delayed.delete(timer);
          const { status, body } = answer();
          sendJson(res, status, body, CORS_HEADERS);
        }, slowMs);
        delayed.set(timer, res);
        res.on('close', () => {
          clearTimeout(timer);
          delayed.delete(timer);
        });
        return;
      }
      default: {
        const { status, body } = answer();
        return sendJson(res, status, body, CORS_HEADERS);
      }
    }
  }

  return {
    /**
     * Answers the request if it is for the API.
     * @param {Request} req
     * @param {Response} res
     * @param {URL} url
     * @returns {boolean} whether the request was the API's
     */
    handle(req, res, url) {
      if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) return false;
      if (req.method === 'OPTIONS') {
        res.writeHead(204, PREFLIGHT_HEADERS).end();
        return true;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, { error: 'Method Not Allowed' }, { ...CORS_HEADERS, allow: 'GET, HEAD, OPTIONS' });
        return true;
      }
      stats.requests++;
      const path = url.pathname.slice(API_PREFIX.length).replace(/\/+$/, '');
      switch (path) {
        case '/ping':
          sendJson(res, 200, { gecko_says: '(V3) To the Moon!' }, CORS_HEADERS);
          break;
        case '/coins/markets':
          markets(req, res, url);
          break;
        case '/simple/price': {
          const { status, body } = simplePriceAnswer(market, url.searchParams);
          sendJson(res, status, body, CORS_HEADERS);
          break;
        }
        case '/simple/supported_vs_currencies':
          sendJson(res, 200, CURRENCIES, CORS_HEADERS);
          break;
        default:
          sendJson(res, 404, { error: 'Not Found' }, CORS_HEADERS);
      }
      return true;
    },

    /** Drops slow answers still waiting. */
    close() {
      for (const [timer, res] of delayed) {
        clearTimeout(timer);
        res.destroy();
      }
      delayed.clear();
    },
  };
}
