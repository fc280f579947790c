import { storage } from './config.js';
import { checkQuote, type Quote } from './quote.js';

const PREFIX = 'coin-ticker:';

/**
 * Anything that reaches the page from storage is checked like feed data (it may be old, foreign or edited), by the
 * same contract. A day-old price paints nothing useful, and dropping it keeps a site's cache from growing with every
 * coin seen; the writer never stores a sparkline, so one read back is foreign.
 */
export function readCache(key: string, now: number): Quote[] {
  try {
    return (JSON.parse(storage()?.getItem(PREFIX + key) ?? '[]') as Quote[]).flatMap((q) =>
      q?.updatedAt <= now && now - q.updatedAt < 86_400_000
        ? (checkQuote({ ...q, sparkline: undefined }, undefined, now).quote ?? [])
        : [],
    );
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
