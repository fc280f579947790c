// @ts-check
/**
 * Binance spot market streams (`wss://data-stream.binance.vision`), simulated under the host base `/binance` in the
 * recorded wire format (test/fixtures/feeds/binance/ws_*): raw streams at `/binance/ws/<stream>`, combined ones at
 * `/binance/stream?streams=a/b` (each event wrapped as `{"stream","data"}`), live `SUBSCRIBE` / `UNSUBSCRIBE` /
 * `LIST_SUBSCRIPTIONS` / `SET_PROPERTY` / `GET_PROPERTY` requests and their error frames, `<symbol>@ticker` and
 * `<symbol>@miniTicker` events (decimals as strings), a ping frame every 20 seconds, `serverShutdown` before a planned
 * close. A stream of a symbol Binance does not list is acknowledged and then silent, as on the real server.
 */
import { isObject, listedCoins, marketTicker, pairTable, parseJson } from './exchanges.js';

export const BINANCE_PATH = '/binance';

/**
 * The coins Binance lists against USDT, as the feeds' LISTINGS has them: not Monero (delisted 2024-02) or Waves
 * (delisted 2024-06); never Tether, the quote itself.
 */
export const BINANCE_COINS = listedCoins('b');

/** The recorded answer from a restricted location (HTTP 451). */
export const RESTRICTED_BODY = JSON.stringify({
  code: 0,
  msg: "Service unavailable from a restricted location according to 'b. Eligibility' in https://www.binance.com/en/terms. Please contact customer service if you believe you received this message in error.",
});

/** Binance's share of each coin's volume: BTCUSDT trades about 24,000 BTC a day (the recorded miniTicker). */
const SHARE = 0.07;
const PING_SECONDS = 20;
const DAY = 86_400_000;
/** The stream kinds simulated, per symbol. */
const STREAMS = ['ticker', 'miniTicker'];
const METHODS = ['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS', 'SET_PROPERTY', 'GET_PROPERTY'];

/** @type {import('./exchanges.js').ProtocolFactory} */
export function binance({ market, random }) {
  // USDT pairs priced from the market's USD quotes: the simulator holds Tether at par.
  const pairs = pairTable(market, BINANCE_COINS, ['usd'], (base) => `${base}USDT`);
  const exchange = { share: SHARE, minDecimals: 2, maxDecimals: 8, random };
  /** Last trade id per symbol: the exchange's, shared by every connection. */
  /** @type {Map<string, number>} */
  const lastTrade = new Map();

  /** @param {string} stream `btcusdt@ticker` */
  function update(stream) {
    const [name, kind] = stream.split('@');
    const pair = /** @type {import('./exchanges.js').Pair} */ (pairs.bySymbol.get(name.toUpperCase()));
    const t = marketTicker(market, pair, exchange);
    const s = (/** @type {number} */ v) => v.toFixed(8);
    if (kind === 'miniTicker') {
      return JSON.stringify({
        e: '24hrMiniTicker',
        E: t.time,
        s: pair.symbol,
        c: s(t.last),
        o: s(t.open),
        h: s(t.high),
        l: s(t.low),
        v: s(t.volume),
        q: s(t.quoteVolume),
      });
    }
    const last = (lastTrade.get(pair.symbol) ?? 1e9 + Math.floor(random() * 5e9)) + 1 + Math.floor(random() * 20);
    lastTrade.set(pair.symbol, last);
    // About one trade per $1,000 traded over the window.
    const trades = Math.max(1, Math.round(t.quoteVolume / 1000));
    return JSON.stringify({
      e: '24hrTicker',
      E: t.time,
      s: pair.symbol,
      p: s(t.change),
      P: t.changePct.toFixed(3),
      w: s(t.vwap),
      x: s(t.open),
      c: s(t.last),
      Q: s(t.lastQty),
      b: s(t.bid),
      B: s(t.bidQty),
      a: s(t.ask),
      A: s(t.askQty),
      o: s(t.open),
      h: s(t.high),
      l: s(t.low),
      v: s(t.volume),
      q: s(t.quoteVolume),
      O: t.time - DAY,
      C: t.time,
      F: last - trades + 1,
      L: last,
      n: trades,
    });
  }

  return {
    name: 'binance',
    path: BINANCE_PATH,
    accepts: (p) => /^\/binance\/(ws(\/.*)?|stream\/?)$/.test(p),
    // The geo-block: the answer a restricted region gets.
    refuseStatus: 451,
    refuseBody: RESTRICTED_BODY,
    pairs,
    keys: (id) =>
      (pairs.byCoin.get(id) ?? []).flatMap((p) => STREAMS.map((kind) => `${p.symbol.toLowerCase()}@${kind}`)),
    update,
    unknownFrame: JSON.stringify({ e: 'simUnknown', E: 0, s: 'BTCUSDT', level: 7 }),

    connect(client, url) {
      let combined = url.pathname.startsWith(`${BINANCE_PATH}/stream`);
      const streams = combined
        ? (url.searchParams.get('streams') ?? '').split('/')
        : url.pathname.slice(`${BINANCE_PATH}/ws/`.length).split('/');
      for (const stream of streams) if (stream) client.subscribe(stream);
      let beats = 0;

      /**
       * @param {string} text the request
       * @param {unknown} method
       */
      function unknownMethod(text, method) {
        const variant = String(method);
        const at = text.indexOf(`"${variant}"`);
        const column = at < 0 ? text.length : at + variant.length + 2;
        const expected = METHODS.map((m) => `\`${m}\``).join(', ');
        return `Invalid request: unknown variant \`${variant}\`, expected one of ${expected} at line 1 column ${column}`;
      }

      return {
        message(text) {
          const parsed = parseJson(text);
          if (!parsed) return client.json({ code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' });
          const request = parsed.value;
          if (!isObject(request) || !('method' in request)) {
            return client.json({
              code: 2,
              msg: `Invalid request: missing field \`method\` at line 1 column ${text.length}`,
            });
          }
          const { method, params = [], id = null } = request;
          switch (method) {
            case 'SUBSCRIBE':
            case 'UNSUBSCRIBE':
              if (!Array.isArray(params) || !params.every((p) => typeof p === 'string')) {
                return client.json({ code: 2, msg: 'Invalid request: params must be an array of stream names', id });
              }
              for (const stream of params) {
                if (method === 'SUBSCRIBE') client.subscribe(stream);
                else client.unsubscribe(stream);
              }
              return client.json({ result: null, id });
            case 'LIST_SUBSCRIPTIONS':
              return client.json({ result: [...client.keys], id });
            case 'SET_PROPERTY':
            case 'GET_PROPERTY': {
              const [property, value] = Array.isArray(params) ? params : [];
              if (property !== 'combined') return client.json({ code: 0, msg: 'Unknown property', id });
              if (method === 'GET_PROPERTY') return client.json({ result: combined, id });
              if (typeof value !== 'boolean')
                return client.json({ code: 1, msg: 'Invalid value type: expected Boolean' });
              combined = value;
              return client.json({ result: null, id });
            }
            default:
              return client.json({ code: 2, msg: unknownMethod(text, method) });
          }
        },
        deliver(stream, text) {
          client.send(combined ? `{"stream":${JSON.stringify(stream)},"data":${text}}` : text);
        },
        beat() {
          if (++beats % PING_SECONDS === 0) client.ping();
        },
        shutdown() {
          const data = { e: 'serverShutdown', E: market.now() };
          client.json(combined ? { stream: '!serverShutdown', data } : data);
        },
      };
    },
  };
}
