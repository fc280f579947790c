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
  volume24h?: number;
  marketCap?: number;
  /** 7-day hourly prices, oldest first. */
  sparkline?: number[];
}

/** `loading` until the first answer, `live` while fresh, `stale` while failing with old data kept, `error` when it cannot go on. */
export type FeedStatus = 'loading' | 'live' | 'stale' | 'error';

/** A usable price: finite and not negative (zero is one: a site's own token may be worth nothing yet). */
export const isPrice = (value: unknown): value is number => Number.isFinite(value) && (value as number) >= 0;

/** Only http(s) logos: a `javascript:` or `data:` URL from a feed or an edited cache never reaches an `src`. */
export const safeImage = (value: unknown) =>
  typeof value === 'string' && /^https?:\/\//i.test(value) ? value : undefined;
