// @ts-check
/**
 * Kraken WebSocket v2 (`wss://ws.kraken.com/v2`), simulated at `/kraken/v2` in the recorded wire format
 * (test/fixtures/feeds/kraken/v2_*): a `status` message on connect; the `ticker` channel with one ack (or error) per
 * symbol, a snapshot, then updates; `ping` → `pong`; `{"channel":"heartbeat"}` once a second while nothing else is
 * sent, after the first subscription. Prices are JSON numbers, pairs `BTC/USD` (v2 refuses v1's `XBT/USD`), and every
 * object's keys come in alphabetical order, as Kraken's do.
 */
import { isObject, listedCoins, marketTicker, pairTable, parseJson, round, rfc3339 } from './exchanges.js';

export const KRAKEN_PATH = '/kraken/v2';

/** The coins Kraken lists, each against USD and EUR, as the feeds' LISTINGS has them. */
export const KRAKEN_COINS = listedCoins('k');

const HEARTBEAT = '{"channel":"heartbeat"}';
/** Kraken's share of each coin's volume: BTC/USD trades about 640 BTC a day (the recorded snapshot). */
const SHARE = 0.002;
const EVENT_TRIGGERS = ['trades', 'bbo'];

/** @type {import('./exchanges.js').ProtocolFactory} */
export function kraken({ market, random }) {
  const pairs = pairTable(market, KRAKEN_COINS, ['usd', 'eur'], (base, quote) => `${base}/${quote}`);
  const exchange = { share: SHARE, minDecimals: 1, maxDecimals: 10, random };

  /**
   * @param {string} symbol
   * @param {'snapshot' | 'update'} type
   */
  function tickerFrame(symbol, type) {
    const t = marketTicker(market, /** @type {import('./exchanges.js').Pair} */ (pairs.bySymbol.get(symbol)), exchange);
    const data = {
      ask: t.ask,
      ask_qty: t.askQty,
      bid: t.bid,
      bid_qty: t.bidQty,
      change: t.change,
      change_pct: round(t.changePct, 2),
      high: t.high,
      last: t.last,
      low: t.low,
      symbol,
      timestamp: rfc3339(t.time, Math.floor(random() * 1000)),
      volume: t.volume,
      vwap: t.vwap,
    };
    return JSON.stringify({ channel: 'ticker', data: [data], type });
  }

  return {
    name: 'kraken',
    path: KRAKEN_PATH,
    accepts: (pathname) => pathname === KRAKEN_PATH || pathname === `${KRAKEN_PATH}/`,
    refuseStatus: 503,
    refuseBody: 'Service Unavailable\n',
    pairs,
    keys: (id) => (pairs.byCoin.get(id) ?? []).map((p) => p.symbol),
    update: (symbol) => tickerFrame(symbol, 'update'),
    unknownFrame: JSON.stringify({ channel: 'sim_unknown', data: [{ symbol: 'BTC/USD', level: 7 }], type: 'update' }),

    connect(client) {
      /** Kraken starts heartbeats after the first subscription. */
      let subscribed = false;
      // The real connection_id exceeds 2^53 (JSON.parse rounds it), so this one does too: the text is written by hand.
      const connectionId =
        (BigInt(Math.floor(random() * 2 ** 31) + 2 ** 30) << 32n) | BigInt(Math.floor(random() * 2 ** 32));
      client.send(
        `{"channel":"status","data":[{"api_version":"v2","connection_id":${connectionId},` +
          `"system":"online","version":"2.0.10"}],"type":"update"}`,
      );

      /**
       * A method's answer: `req_id` echoed when the request had one, timestamps, keys sorted as Kraken sends them.
       * @param {Record<string, unknown>} fields
       * @param {unknown} reqId
       */
      function reply(fields, reqId) {
        const t = market.now();
        const timeIn = Math.floor(random() * 950);
        const all = {
          ...fields,
          ...(reqId === undefined ? {} : { req_id: reqId }),
          time_in: rfc3339(t, timeIn),
          time_out: rfc3339(t, timeIn + 5 + Math.floor(random() * 40)),
        };
        client.json(Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : 1))));
      }

      /**
       * @param {'subscribe' | 'unsubscribe'} method
       * @param {unknown} params
       * @param {unknown} reqId
       */
      function subscription(method, params, reqId) {
        const trigger = isObject(params) ? (params.event_trigger ?? 'trades') : undefined;
        const snapshot = isObject(params) ? (params.snapshot ?? true) : undefined;
        if (
          !isObject(params) ||
          params.channel !== 'ticker' || // the only channel simulated
          !Array.isArray(params.symbol) ||
          !params.symbol.every((s) => typeof s === 'string') ||
          typeof trigger !== 'string' ||
          !EVENT_TRIGGERS.includes(trigger) ||
          typeof snapshot !== 'boolean'
        ) {
          return reply({ error: 'EGeneral:Invalid arguments', method, success: false }, reqId);
        }
        /** @type {string[]} */
        const fresh = [];
        for (const symbol of /** @type {string[]} */ (params.symbol)) {
          if (!pairs.bySymbol.has(symbol)) {
            reply({ error: `Currency pair not supported ${symbol}`, method, success: false, symbol }, reqId);
          } else if (method === 'subscribe' && !client.subscribe(symbol)) {
            reply({ error: 'Already subscribed', method, success: false, symbol }, reqId);
          } else if (method === 'unsubscribe' && !client.unsubscribe(symbol)) {
            reply({ error: 'Subscription Not Found', method, success: false, symbol }, reqId);
          } else if (method === 'subscribe') {
            const result = { channel: 'ticker', event_trigger: trigger, snapshot, symbol };
            reply({ method, result, success: true }, reqId);
            subscribed = true;
            if (snapshot) fresh.push(symbol);
          } else {
            reply({ method, result: { channel: 'ticker', event_trigger: trigger, symbol }, success: true }, reqId);
          }
        }
        for (const symbol of fresh) client.send(tickerFrame(symbol, 'snapshot'));
      }

      return {
        message(text) {
          const request = parseJson(text)?.value;
          if (!isObject(request)) return reply({ error: 'EGeneral:Invalid arguments', success: false }, undefined);
          const { method, params, req_id: reqId } = request;
          if (method === 'ping') return reply({ method: 'pong' }, reqId);
          if (method === 'subscribe' || method === 'unsubscribe') return subscription(method, params, reqId);
          reply({ error: 'Method not found', method, success: false }, reqId);
        },
        beat() {
          if (subscribed && client.idle) client.send(HEARTBEAT);
        },
      };
    },
  };
}
