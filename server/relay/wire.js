// @ts-check
/**
 * What the relay sends, as text. A quote is serialised once per version however many clients get it: the store
 * replaces a quote object when it changes, so the object is the cache key.
 */

/** @typedef {import('../../dist/npm/core/quote.js').Quote} Quote */
/** @typedef {import('../../dist/npm/core/errors.js').FeedError} FeedError */

/** @type {WeakMap<Quote, string>} */
const bare = new WeakMap();
/** @type {WeakMap<Quote, string>} */
const withHistory = new WeakMap();

/**
 * A quote as the relay feed reads it: the package's `Quote`, without the 7-day history unless asked for.
 * @param {Quote} quote
 * @param {boolean} [sparkline]
 */
export function quoteJson(quote, sparkline = false) {
  const cache = sparkline ? withHistory : bare;
  let text = cache.get(quote);
  if (text === undefined) {
    const { sparkline: history, ...rest } = quote;
    text = JSON.stringify(sparkline && history ? quote : rest);
    cache.set(quote, text);
  }
  return text;
}

/**
 * A reason as the browser's `FeedError` is built from it: kind, source and detail for the reader's words, the
 * English message for consoles (with the key taken out, should an upstream ever echo it), when the next try is.
 * @param {FeedError | undefined} error
 * @param {(text: string) => string} redact
 */
export function errorJson(error, redact) {
  if (!error) return undefined;
  const { kind, message, source, detail, retryAt } = error;
  return { kind, message: redact(message), source, detail, retryAt };
}

/**
 * One `/coins/markets` item in CoinGecko's shape: the fields the `coingecko` feed reads, null where unknown, as
 * CoinGecko sends them.
 * @param {Quote} q
 * @param {boolean} sparkline
 */
export function marketItem(q, sparkline) {
  /** @type {Record<string, unknown>} */
  const item = {
    id: q.id,
    symbol: q.symbol.toLowerCase(),
    name: q.name,
    image: q.image ?? null,
    current_price: q.price,
    market_cap: q.marketCap ?? null,
    market_cap_rank: q.rank ?? null,
    total_volume: q.volume24h ?? null,
    high_24h: q.high24h ?? null,
    low_24h: q.low24h ?? null,
    price_change_percentage_24h: q.change24h,
    last_updated: new Date(q.updatedAt).toISOString(),
  };
  if (sparkline) {
    item.sparkline_in_7d = q.sparkline ? { price: q.sparkline } : null;
    item.price_change_percentage_7d_in_currency = q.change7d ?? null;
  }
  return item;
}

/**
 * The ranking a client asked for, largest first, as an unfinished message (the sender closes it with `sentAt`).
 * @param {string} currency
 * @param {readonly string[]} coins
 */
export const topJson = (currency, coins) => `{"type":"top","currency":"${currency}","coins":${JSON.stringify(coins)}`;
