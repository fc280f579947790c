/** One coin's price, the shape every feed produces and every element renders. */
export interface Quote {
  /** CoinGecko-style coin id: `bitcoin`, `pirate-chain`. */
  id: string;
  /** Ticker symbol, upper-case: `BTC`. Not unique across coins; the id is. */
  symbol: string;
  name: string;
  /** Logo URL, only ever http(s). */
  image?: string;
  price: number;
  /** 24 h change in percent (3.6 means +3.6 %), or null when the feed does not know it. */
  change24h: number | null;
  /** Lower-case quote currency: `usd`, `eur`. */
  currency: string;
  /** When this price was current, in ms since the epoch. */
  updatedAt: number;
  /** Name of the feed that produced it: `coingecko`, `kraken`… */
  source: string;
  high24h?: number;
  low24h?: number;
  /** 24 h trading volume in the quote currency. */
  volume24h?: number;
  marketCap?: number;
  /** Place by market cap, 1 for the largest, where the feed ranks coins. */
  rank?: number;
  /** 7-day change in percent, like `change24h`; null or absent when unknown. */
  change7d?: number | null;
  /** 7-day hourly prices, oldest first. */
  sparkline?: number[];
}

/** `loading` until the first answer, `live` while fresh, `stale` while failing with old data kept, `error` when it cannot go on. */
export type FeedStatus = 'loading' | 'live' | 'stale' | 'error';

/** A usable price: finite and not negative (zero is one: a site's own token may be worth nothing yet). */
export const isPrice = (value: unknown): value is number => Number.isFinite(value) && (value as number) >= 0;

/** Only http(s) logos: a `javascript:` or `data:` URL from a feed or an edited cache never reaches an `src`. */
export const safeImage = (value: unknown) =>
  typeof value === 'string' && value.length <= 2048 && /^https?:\/\//i.test(value) ? value : undefined;

/** Amounts a negative makes meaningless, beside the price; absent (undefined or null) means the feed has none. */
const AMOUNTS = ['high24h', 'low24h', 'volume24h', 'marketCap'] as const;

/** Characters that hide, reorder or break the text around them: controls, lone surrogates, zero-width and bidi marks. */
const HIDDEN = /[\p{Cc}\p{Cs}\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/** A feed's text, cleaned and cut to `max` characters; cut first, so a megabyte name costs what a short one does. */
const text = (value: unknown, max: number) =>
  typeof value == 'string'
    ? Array.from(
        value
          .slice(0, max * 8)
          .replace(HIDDEN, '')
          .trim(),
      )
        .slice(0, max)
        .join('')
    : '';

/** A 7-day series to draw: at least two points, each a price; thousands would draw nothing more. */
const isSeries = (value: unknown): value is number[] =>
  Array.isArray(value) && value.length > 1 && value.length <= 1000 && value.every(isPrice);

/** What the contract made of a quote. */
export interface Checked {
  /** The quote to keep, or undefined when it has no usable price or names no coin: the last good one then stays. */
  quote?: Quote;
  /** The fields that broke the contract, each of which kept its last good value (or none). */
  failed: Array<keyof Quote>;
}

/**
 * The Quote contract, applied to everything that reaches a store: any feed's quotes (a page's own feed, a relay's
 * socket) and the cache. Numbers are finite, and not negative where a negative means nothing; a 24 h high below its
 * low drops both; names and symbols are cleaned and bounded (the coin's id when nothing is left); logos are http(s).
 * A field that fails keeps `old`'s value, so one bad field never costs the rest of the quote.
 */
export function checkQuote(input: Quote, old: Quote | undefined, now: number): Checked {
  const q = input as unknown as Record<keyof Quote, unknown>;
  const failed: Array<keyof Quote> = [];
  const { id, price, currency, source } = q;
  if (typeof id != 'string' || !id || typeof currency != 'string' || typeof source != 'string')
    return { failed: ['id'] };
  if (!isPrice(price)) return { failed: ['price'] };
  /** The value when it passes, else the last good one. */
  const pick = <K extends keyof Quote>(key: K, ok: boolean) => {
    if (ok) return q[key] as Quote[K];
    failed.push(key);
    return old?.[key];
  };
  const absent = (key: keyof Quote) => q[key] == null;
  const quote: Quote = {
    id,
    symbol: (text(q.symbol, 16) || text(id, 16)).toUpperCase(),
    name: text(q.name, 64) || text(id, 64),
    image: pick('image', absent('image') || !!safeImage(q.image)) ?? undefined,
    price,
    change24h: pick('change24h', q.change24h === null || Number.isFinite(q.change24h)) ?? null,
    currency,
    updatedAt: Number.isFinite(q.updatedAt) ? Math.min(q.updatedAt as number, now) : now,
    source,
  };
  for (const key of AMOUNTS) {
    const value = absent(key) ? undefined : pick(key, isPrice(q[key]));
    if (value !== undefined) quote[key] = value;
  }
  // A low above the high is one of them wrong, and nothing says which (or one kept from before crosses the other's
  // new value): the last good pair stays together.
  if (quote.high24h! < quote.low24h!) {
    failed.push('high24h', 'low24h');
    quote.high24h = old?.high24h;
    quote.low24h = old?.low24h;
  }
  if (!absent('rank')) {
    const rank = pick('rank', Number.isInteger(q.rank) && (q.rank as number) > 0);
    if (rank) quote.rank = rank;
  }
  if (!absent('change7d')) quote.change7d = pick('change7d', Number.isFinite(q.change7d)) ?? null;
  // `auto` hands every tick the polled series it was checked with: the same array needs no second look.
  const sparkline = absent('sparkline')
    ? undefined
    : pick('sparkline', q.sparkline === old?.sparkline || isSeries(q.sparkline));
  if (sparkline) quote.sparkline = sparkline;
  return { quote, failed };
}
