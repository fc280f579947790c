// @ts-check
/**
 * The relay's HTTP answers: the CoinGecko-compatible snapshot (named coins, or the top N by market cap), `/healthz`
 * and `/metrics`. A snapshot never costs an upstream request of its own: a coin, or a top larger than any before,
 * asked for the first time waits for the relay's one shared request.
 */
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isCoinId } from '../../dist/npm/core/coin-id.js';
import { isTop } from './upstream.js';
import { errorJson, marketItem } from './wire.js';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/** @typedef {import('node:http').OutgoingHttpHeaders} Headers */
/** @typedef {import('./upstream.js').Upstream} Upstream */
/** @typedef {import('./stream.js').Stream} Stream */
/** @typedef {import('../../dist/npm/core/clock.js').Clock} Clock */

/**
 * Any cache (a CDN, the browser) may keep an answer 5 s, and serve it a minute longer while it asks again: the
 * widgets poll every 10 s at the most, and a price a minute old beats none while the relay restarts.
 */
export const CACHE_CONTROL = 'public, max-age=5, stale-while-revalidate=60';
/** An answer is rebuilt at most this often while prices tick: 1,000 ticks a second must not mean 1,000 bodies. */
const REBUILD_GAP = 1000;
/** CoinGecko's `per_page` maximum: ids past it are left out, as CoinGecko leaves out a page's rest. */
const PAGE = 250;
/** CoinGecko's `per_page` when a request names none. */
const PER_PAGE = 100;
/**
 * A coin asked for the first time waits this long at most for the relay's one shared upstream request: never a
 * request of its own, as a WordPress cache miss would make.
 */
const FIRST_ANSWER = 5000;
/** Built answers kept; a flood of distinct id lists only ever costs this many. */
const CACHED_ANSWERS = 1000;

/**
 * @typedef {object} HttpOptions
 * @property {Upstream} upstream
 * @property {Stream} stream
 * @property {Clock} clock
 * @property {string[] | undefined} origins
 * @property {string} feed
 * @property {(text: string) => string} redact
 */

/** @param {HttpOptions} options */
export function createHttpHandler(options) {
  const { upstream, stream, clock, origins } = options;
  /** @type {Record<string, number>} */
  const requests = { snapshot: 0, 'not-modified': 0, refused: 0, healthz: 0, metrics: 0, other: 0 };
  const started = clock.monotonic();
  // How late the event loop runs what is due: a flush waiting behind other work, or a process the machine starves.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();

  /**
   * CORS for the page origins allowed: any (`*`), or the request's own when it is on the list, so a CDN in front
   * keys its copies by Origin.
   * @param {Request} req
   * @returns {Headers}
   */
  function cors(req) {
    if (!origins) return { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag' };
    const origin = req.headers.origin;
    const allowed = origin && origins.includes(origin);
    return allowed
      ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'ETag', vary: 'Origin' }
      : { vary: 'Origin' };
  }

  /**
   * @param {Response} res
   * @param {number} status
   * @param {string} body
   * @param {Headers} headers
   */
  function send(res, status, body, headers) {
    res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  }

  /**
   * An answer as built for one request URL: what it asks for, once checked, and the body last built for it.
   * @typedef {object} Answer
   * @property {import('./upstream.js').Channel} channel
   * @property {string[]} ids The coins named; none for a top.
   * @property {number} top How many of the largest coins, in market-cap order; 0 for named coins.
   * @property {boolean} sparkline
   * @property {number} seq The channel's `seq` when the body was built.
   * @property {number} at When it was built (monotonic).
   * @property {number} touched When its coins were last marked as asked for (monotonic).
   * @property {Buffer} body
   * @property {string} etag
   */

  /** @type {Map<string, Answer>} by request URL: a CDN or a page's widgets ask with the same URL again and again */
  const answers = new Map();

  /**
   * @param {Request} req
   * @param {Response} res
   * @param {URL} url
   */
  function snapshot(req, res, url) {
    const known = answers.get(url.search);
    if (known) return answer(req, res, known);
    const json = { 'content-type': 'application/json; charset=utf-8', ...cors(req) };
    const currency = (url.searchParams.get('vs_currency') ?? '').trim().toLowerCase();
    const channel = upstream.channels.get(currency);
    // CoinGecko's words: the `coingecko` feed reads a `vs_currency` refusal as a currency it will never get.
    if (!channel) {
      requests.refused++;
      const served = [...upstream.channels.keys()].join(', ');
      return send(res, 400, JSON.stringify({ error: `invalid vs_currency (this relay serves ${served})` }), json);
    }
    if (!url.searchParams.has('ids')) return ranked(req, res, url, channel);
    const asked = new Set((url.searchParams.get('ids') ?? '').toLowerCase().split(','));
    /** @type {string[]} */
    const ids = [];
    // One at a time: each coin admitted counts against the cap for the next.
    for (const id of asked) {
      if (ids.length === PAGE) break;
      if (!isCoinId(id) || !(channel.holds(id) || upstream.mayServe(id))) continue;
      channel.asked(id, clock.monotonic());
      ids.push(id);
    }
    if (!ids.length) {
      requests.refused++;
      return send(res, 400, JSON.stringify({ error: 'none of these ids is served by this relay' }), json);
    }
    const unheard = ids.filter((id) => !channel.changedAt.has(id));
    const made = () => remember(url, channel, ids, 0);
    if (!unheard.length) return answer(req, res, made());
    channel.heardOf(unheard, FIRST_ANSWER).then(() => {
      if (!res.destroyed) answer(req, res, made());
    });
  }

  /**
   * The top `per_page` coins by market cap, in CoinGecko's order (the only one served, and its first page only):
   * what the `coingecko` feed asks for a `top`.
   * @param {Request} req
   * @param {Response} res
   * @param {URL} url
   * @param {import('./upstream.js').Channel} channel
   */
  function ranked(req, res, url, channel) {
    const json = { 'content-type': 'application/json; charset=utf-8', ...cors(req) };
    const refuse = (/** @type {string} */ error) => {
      requests.refused++;
      send(res, 400, JSON.stringify({ error }), json);
    };
    const params = url.searchParams;
    const top = params.has('per_page') ? Number(params.get('per_page')) : PER_PAGE;
    if (!isTop(top)) return refuse(`per_page is a whole number from 1 to ${PAGE}`);
    if ((params.get('order') ?? 'market_cap_desc') !== 'market_cap_desc')
      return refuse('without ids, only order=market_cap_desc is served');
    if ((params.get('page') ?? '1') !== '1') return refuse('without ids, only the first page is served');
    const why = upstream.topRefused();
    if (why) return refuse(why);
    channel.askedTop(top, clock.monotonic());
    const made = () => remember(url, channel, [], top);
    if (channel.ranking.length >= top) return answer(req, res, made());
    channel.rankedFor(top, FIRST_ANSWER).then(() => {
      if (!res.destroyed) answer(req, res, made());
    });
  }

  /**
   * A new answer for this URL, kept for the next request with it.
   * @param {URL} url
   * @param {import('./upstream.js').Channel} channel
   * @param {string[]} ids
   * @param {number} top
   */
  function remember(url, channel, ids, top) {
    if (answers.size >= CACHED_ANSWERS) answers.clear();
    const sparkline = url.searchParams.get('sparkline') === 'true';
    const now = clock.monotonic();
    /** @type {Answer} */
    const made = {
      channel,
      ids,
      top,
      sparkline,
      seq: -1,
      at: -Infinity,
      touched: now,
      body: Buffer.alloc(0),
      etag: '',
    };
    answers.set(url.search, made);
    return made;
  }

  /**
   * @param {Request} req
   * @param {Response} res
   * @param {Answer} a
   */
  function answer(req, res, a) {
    const now = clock.monotonic();
    // A coin or a top asked for over HTTP stays wanted ten minutes: marking it once a minute is enough.
    if (now - a.touched > 60_000) {
      a.touched = now;
      for (const id of a.ids) a.channel.asked(id, now);
      if (a.top) a.channel.askedTop(a.top, now);
    }
    if (a.seq !== a.channel.seq && now - a.at >= REBUILD_GAP) rebuild(a, now);
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      ...cors(req),
      'cache-control': CACHE_CONTROL,
      etag: a.etag,
    };
    if (req.headers['if-none-match'] === a.etag) {
      requests['not-modified']++;
      res.writeHead(304, headers);
      return res.end();
    }
    requests.snapshot++;
    res.writeHead(200, { ...headers, 'content-length': a.body.length });
    res.end(req.method === 'HEAD' ? undefined : a.body);
  }

  /**
   * Builds the body again from the store: only when it has changed, and at most once a second.
   * @param {Answer} a
   * @param {number} now
   */
  function rebuild(a, now) {
    const quotes = a.channel.store?.quotes;
    const items = [];
    for (const id of a.top ? a.channel.ranking.slice(0, a.top) : a.ids) {
      const quote = quotes?.get(id);
      if (quote) items.push(marketItem(quote, a.sparkline));
    }
    a.body = Buffer.from(JSON.stringify(items));
    a.etag = `"${createHash('sha1').update(a.body).digest('base64url')}"`;
    a.seq = a.channel.seq;
    a.at = now;
  }

  /** Upstream status per currency, as JSON: a load balancer's health check, and a person's first look. */
  function health() {
    /** @type {Record<string, unknown>} */
    const currencies = {};
    for (const [currency, channel] of upstream.channels) {
      const store = channel.store;
      currencies[currency] = {
        status: store?.status ?? 'idle',
        live: !!store?.live,
        error: errorJson(store?.error, options.redact),
        coins: store?.quotes.size ?? 0,
        top: channel.top,
        stale: store ? [...store.stale] : [],
      };
    }
    return {
      ok: true,
      feed: options.feed,
      uptime: Math.round((clock.monotonic() - started) / 1000),
      clients: stream.clients.size,
      coins: upstream.coinCount,
      currencies,
    };
  }

  /** Prometheus text: counters are totals, so `rate()` gives the message rates. */
  function metrics() {
    /** @type {string[]} */
    const lines = [];
    /**
     * @param {string} name
     * @param {string} type
     * @param {string} help
     * @param {[Record<string, string>, number][]} samples
     */
    const metric = (name, type, help, samples) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) {
        const l = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
        lines.push(`${name}${l.length ? `{${l}}` : ''} ${value}`);
      }
    };
    const channels = [...upstream.channels.values()];
    const subscriptions = stream.subscriptions();
    const { stats } = stream;
    metric('coin_ticker_relay_clients', 'gauge', 'Open client sockets.', [[{}, stream.clients.size]]);
    metric(
      'coin_ticker_relay_subscriptions',
      'gauge',
      'Coin subscriptions over all client sockets.',
      channels.map((c) => [{ currency: c.currency }, subscriptions[c.currency] ?? 0]),
    );
    metric('coin_ticker_relay_coins', 'gauge', 'Distinct coins served.', [[{}, upstream.coinCount]]);
    metric(
      'coin_ticker_relay_upstream_up',
      'gauge',
      'Upstream status per currency: 1 for the current one.',
      channels.flatMap((c) =>
        ['loading', 'live', 'stale', 'error'].map(
          (status) =>
            /** @type {[Record<string, string>, number]} */ ([
              { currency: c.currency, status },
              Number((c.store?.status ?? 'idle') === status),
            ]),
        ),
      ),
    );
    metric(
      'coin_ticker_relay_upstream_live',
      'gauge',
      '1 while prices tick in over an exchange socket.',
      channels.map((c) => [{ currency: c.currency }, Number(!!c.store?.live)]),
    );
    metric(
      'coin_ticker_relay_upstream_messages_total',
      'counter',
      'Changes reported by the upstream feeds.',
      channels.map((c) => [{ currency: c.currency }, c.notifications]),
    );
    metric('coin_ticker_relay_messages_sent_total', 'counter', 'Messages sent to clients.', [[{}, stats.messagesSent]]);
    metric(
      'coin_ticker_relay_dropped_clients_total',
      'counter',
      'Clients dropped: slow (stopped reading), policy (repeated errors).',
      Object.entries(stats.dropped).map(([reason, n]) => [{ reason }, n]),
    );
    metric(
      'coin_ticker_relay_refused_sockets_total',
      'counter',
      'Socket upgrades refused.',
      Object.entries(stats.refused).map(([reason, n]) => [{ reason }, n]),
    );
    metric(
      'coin_ticker_relay_client_errors_total',
      'counter',
      'Error frames sent to clients.',
      Object.entries(stats.errors).map(([code, n]) => [{ code }, n]),
    );
    metric(
      'coin_ticker_relay_http_requests_total',
      'counter',
      'HTTP requests answered.',
      Object.entries(requests).map(([route, n]) => [{ route }, n]),
    );
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    metric('process_resident_memory_bytes', 'gauge', 'Resident memory.', [[{}, memory.rss]]);
    metric('nodejs_eventloop_delay_p99_seconds', 'gauge', 'Event loop delay, 99th percentile since the last scrape.', [
      [{}, loopDelay.percentile(99) / 1e9],
    ]);
    loopDelay.reset();
    metric('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use.', [[{}, memory.heapUsed]]);
    metric('process_cpu_seconds_total', 'counter', 'CPU time, user and system.', [[{}, (cpu.user + cpu.system) / 1e6]]);
    return `${lines.join('\n')}\n`;
  }

  /**
   * @param {Request} req
   * @param {Response} res
   */
  function handle(req, res) {
    let url;
    try {
      url = new URL(req.url ?? '/', 'http://relay');
    } catch {
      return send(res, 400, '{"error":"bad request"}', { 'content-type': 'application/json' });
    }
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors(req),
        'access-control-allow-methods': 'GET, HEAD, OPTIONS',
        'access-control-allow-headers': 'x-cg-demo-api-key, x-cg-pro-api-key',
        'access-control-max-age': '86400',
      });
      return res.end();
    }
    if (method !== 'GET' && method !== 'HEAD') {
      requests.other++;
      return send(res, 405, '{"error":"method not allowed"}', { 'content-type': 'application/json', allow: 'GET' });
    }
    if (url.pathname === '/api/v3/coins/markets') return snapshot(req, res, url);
    if (url.pathname === '/healthz') {
      requests.healthz++;
      return send(res, 200, JSON.stringify(health()), {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      });
    }
    if (url.pathname === '/metrics') {
      requests.metrics++;
      return send(res, 200, metrics(), { 'content-type': 'text/plain; version=0.0.4', 'cache-control': 'no-store' });
    }
    requests.other++;
    send(res, 404, '{"error":"not found"}', { 'content-type': 'application/json', ...cors(req) });
  }

  /** Ends what keeps time of its own: the event loop's delay monitor. */
  const stop = () => loopDelay.disable();
  return Object.assign(handle, { stop });
}
