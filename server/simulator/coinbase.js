// @ts-check
/**
 * Coinbase Exchange (`wss://ws-feed.exchange.coinbase.com`), simulated at `/coinbase` in the recorded wire format
 * (test/fixtures/feeds/coinbase/exchange_ws_*): `subscribe` / `unsubscribe` with channel names or objects, a
 * `subscriptions` ack listing everything subscribed, a `ticker` per product at once and on every trade, a `heartbeat`
 * per product once a second on the `heartbeat` channel, `error` messages. Decimals are strings. A socket that has not
 * subscribed within 5 seconds of opening is closed, as the real feed does.
 */
import { isObject, listedCoins, marketTicker, pairTable, parseJson, rfc3339 } from './exchanges.js';

export const COINBASE_PATH = '/coinbase';

/** The coins Coinbase Exchange lists, each against USD and EUR, as the feeds' LISTINGS has them. */
export const COINBASE_COINS = listedCoins('c');

/** Coinbase's share of each coin's volume: BTC-USD trades about 11,000 BTC a day (the recorded ticker). */
const SHARE = 0.03;
const SUBSCRIBE_DEADLINE_SECONDS = 5;
const CHANNELS = ['ticker', 'heartbeat'];
/** Channels that need an API key now: the recorded refusal. */
const AUTH_CHANNELS = ['full', 'level2', 'level3'];
const AUTH_REASON = 'level2, level3, and full channels now require authentication.';

/** @type {import('./exchanges.js').ProtocolFactory} */
export function coinbase({ market, random }) {
  const pairs = pairTable(market, COINBASE_COINS, ['usd', 'eur'], (base, quote) => `${base}-${quote}`);
  const exchange = { share: SHARE, minDecimals: 2, maxDecimals: 8, random };
  /** The exchange's own counters per product, shared by every connection as the real ones are. */
  /** @type {Map<string, { sequence: number, tradeId: number }>} */
  const books = new Map();
  const book = (/** @type {string} */ product) => {
    let b = books.get(product);
    if (!b) {
      b = {
        sequence: 10_000_000_000 + Math.floor(random() * 90_000_000_000),
        tradeId: 1e8 + Math.floor(random() * 9e8),
      };
      books.set(product, b);
    }
    return b;
  };
  const time = () => rfc3339(market.now(), Math.floor(random() * 1000));

  /**
   * @param {string} product
   * @param {boolean} trade a new trade (an update), not the last one again (on subscribe)
   */
  function tickerFrame(product, trade) {
    const b = book(product);
    if (trade) {
      // Many order-book events happen between two trades.
      b.sequence += 1 + Math.floor(random() * 50);
      b.tradeId++;
    }
    const t = marketTicker(
      market,
      /** @type {import('./exchanges.js').Pair} */ (pairs.bySymbol.get(product)),
      exchange,
    );
    const price = (/** @type {number} */ v) => trimZeros(v.toFixed(t.decimals));
    return JSON.stringify({
      type: 'ticker',
      sequence: b.sequence,
      product_id: product,
      price: price(t.last),
      open_24h: price(t.open),
      volume_24h: t.volume.toFixed(8),
      low_24h: price(t.low),
      high_24h: price(t.high),
      volume_30d: (t.volume * 20).toFixed(8),
      best_bid: t.bid.toFixed(t.decimals),
      best_bid_size: t.bidQty.toFixed(8),
      best_ask: t.ask.toFixed(t.decimals),
      best_ask_size: t.askQty.toFixed(8),
      side: random() < 0.5 ? 'buy' : 'sell',
      time: time(),
      trade_id: b.tradeId,
      last_size: t.lastQty.toFixed(8),
    });
  }

  return {
    name: 'coinbase',
    path: COINBASE_PATH,
    accepts: (pathname) => pathname === COINBASE_PATH || pathname === `${COINBASE_PATH}/`,
    refuseStatus: 503,
    refuseBody: 'Service Unavailable\n',
    pairs,
    keys: (id) => (pairs.byCoin.get(id) ?? []).map((p) => p.symbol),
    update: (product) => tickerFrame(product, true),
    unknownFrame: JSON.stringify({ type: 'sim_unknown', product_id: 'BTC-USD', level: 7 }),

    connect(client) {
      // The ticker channel's products are the client's subscription keys; heartbeats are sent by the beat.
      /** @type {Set<string>} */
      const heartbeats = new Set();
      let subscribed = false;
      let beats = 0;

      /**
       * @param {string} message
       * @param {string} [reason]
       */
      const error = (message, reason) => client.json({ type: 'error', message, ...(reason ? { reason } : {}) });

      /** @param {Record<string, unknown>} request */
      function subscription(request) {
        const subscribe = request.type === 'subscribe';
        const fail = (/** @type {string} */ reason) => error('Failed to subscribe', reason);
        const top = request.product_ids ?? [];
        if (!Array.isArray(request.channels) || request.channels.length === 0) return fail('No channels provided');
        /** @type {[string, string[] | null][]} channel → products (null: all of the channel's, to unsubscribe) */
        const wanted = [];
        for (const channel of request.channels) {
          const name = isObject(channel) ? channel.name : channel;
          const products = isObject(channel) && channel.product_ids !== undefined ? channel.product_ids : top;
          if (typeof name !== 'string') return fail('Malformed channel');
          if (AUTH_CHANNELS.includes(name)) return fail(AUTH_REASON);
          if (!CHANNELS.includes(name)) return fail(`${name} is not a valid channel`);
          if (!Array.isArray(products)) return fail('product_ids must be an array');
          // The whole request fails on the first unknown product: nothing of it is applied.
          const unknown = products.find((p) => typeof p !== 'string' || !pairs.bySymbol.has(p));
          if (unknown !== undefined) return fail(`${unknown} is not a valid product`);
          if (subscribe && products.length === 0) return fail('No product ids provided');
          wanted.push([name, products.length ? products : null]);
        }
        /** @type {string[]} */
        const fresh = [];
        for (const [name, products] of wanted) {
          if (name === 'heartbeat') {
            for (const p of products ?? [...heartbeats]) {
              if (subscribe) heartbeats.add(p);
              else heartbeats.delete(p);
            }
          } else {
            for (const p of products ?? [...client.keys]) {
              if (!subscribe) client.unsubscribe(p);
              else if (client.subscribe(p)) fresh.push(p);
            }
          }
        }
        if (subscribe) subscribed = true;
        client.json({
          type: 'subscriptions',
          channels: [
            { name: 'ticker', product_ids: [...client.keys], account_ids: null },
            { name: 'heartbeat', product_ids: [...heartbeats], account_ids: null },
          ].filter((c) => c.product_ids.length > 0),
        });
        // The last trade at once, so a new subscriber has a price before the next trade.
        for (const p of fresh) client.send(tickerFrame(p, false));
      }

      return {
        message(text) {
          const request = parseJson(text)?.value;
          if (!isObject(request)) return error('Malformed JSON');
          if (request.type !== 'subscribe' && request.type !== 'unsubscribe') {
            return error('Failed to subscribe', 'Type has to be either subscribe or unsubscribe');
          }
          subscription(request);
        },
        beat() {
          // Beats are whole seconds at an unknown phase: the 6th comes 5 to 6 s after the open, never before 5 s.
          if (!subscribed && ++beats > SUBSCRIBE_DEADLINE_SECONDS) return client.close(1000);
          for (const product of heartbeats) {
            const b = book(product);
            client.json({
              type: 'heartbeat',
              last_trade_id: b.tradeId,
              product_id: product,
              sequence: b.sequence,
              time: time(),
            });
          }
        },
      };
    },
  };
}

/** @param {string} decimal `102861.50` → `102861.5`, as Coinbase writes prices. */
function trimZeros(decimal) {
  return decimal.includes('.') ? decimal.replace(/\.?0+$/, '') : decimal;
}
