import { config } from './config.js';
import { isPrice, safeImage, type Quote } from './quote.js';

const PREFIX = 'coin-ticker:';

/**
 * The configured storage (null turns the cache off), else `localStorage`. Only call it inside a `try`: sandboxed
 * iframes and some privacy modes throw on the mere access.
 */
const storage = () => (config.storage === undefined ? localStorage : config.storage);

/**
 * Anything that reaches the page from storage is checked like feed data: it may be old, foreign or edited.
 * A day-old price paints nothing useful, and dropping it keeps a site's cache from growing with every coin seen.
 */
const valid = (q: Quote, now: number) =>
  typeof q?.id == 'string' &&
  typeof q.name == 'string' &&
  typeof q.symbol == 'string' &&
  typeof q.currency == 'string' &&
  typeof q.source == 'string' &&
  isPrice(q.price) &&
  (q.change24h === null || Number.isFinite(q.change24h)) &&
  [q.high24h, q.low24h, q.volume24h, q.marketCap].every((n) => n === undefined || Number.isFinite(n)) &&
  typeof q.updatedAt == 'number' &&
  q.updatedAt <= now &&
  now - q.updatedAt < 86_400_000 &&
  (q.image === undefined || safeImage(q.image));

/** The last quotes of one store, so the next page view paints prices on its first frame. */
export function readCache(key: string, now: number): Quote[] {
  try {
    // The writer never stores a sparkline: one read back is foreign.
    return (JSON.parse(storage()?.getItem(PREFIX + key) ?? '[]') as Quote[])
      .filter((q) => valid(q, now))
      .map(({ sparkline, ...q }) => q);
  } catch {
    return [];
  }
}

export function writeCache(key: string, quotes: Iterable<Quote>) {
  try {
    // The sparkline is 168 numbers a coin and is refetched anyway: keep the cache small.
    storage()?.setItem(PREFIX + key, JSON.stringify([...quotes].map(({ sparkline, ...q }) => q)));
  } catch {
    // Full or forbidden storage only costs the next visit its instant paint.
  }
}
