import { FeedError } from '../core/errors.js';
import { safeImage, type Quote } from '../core/quote.js';
import type { Feed, FeedContext } from './feed.js';
import { pollingFeed, retryAfter } from './poller.js';

type Row = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const finite = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * CoinGecko's `/simple/price` shape, `{ "<id>": { "usd": 1.5, "usd_24h_change": 3.2 } }`, as rows of the array
 * shape; it has no names or symbols, so the id stands for both.
 */
function fromSimplePrice(body: Record<string, Row>, currency: string): Row[] {
  return Object.entries(body).map(([id, prices]) => ({
    id,
    price: prices?.[currency],
    change24h: prices?.[`${currency}_24h_change`] ?? null,
  }));
}

/**
 * A site's own token, or any source with no exchange listing: polls `endpoint`, a URL that answers either
 * CoinGecko's `/simple/price` shape or an array of `{ id, symbol, name, image, price, change24h }`. A price of 0
 * is a price (`$0.00`); a missing change shows `—`.
 */
export function json(context: FeedContext): Feed {
  const { currency, endpoint, clock } = context;
  return pollingFeed(context, 'The price source', async (wanted, signal) => {
    if (!endpoint) throw new FeedError('request', 'The json feed needs an endpoint: the URL of your prices.');
    const response = await context.fetch(endpoint, { signal });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const wait = retryAfter(response.headers.get('retry-after'), clock.now());
      throw response.status === 429
        ? new FeedError('rate-limit', 'The price source is rate-limiting; retrying.', wait === undefined ? undefined : clock.now() + wait)
        : new FeedError('server', `The price source answered ${response.status}.`);
    }
    if (!body || typeof body !== 'object') throw new FeedError('format', 'The price source sent unreadable data.');
    const rows = Array.isArray(body) ? (body as Row[]) : fromSimplePrice(body as Record<string, Row>, currency);
    const quotes: Quote[] = [];
    const unusable: string[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const id = text(row?.id);
      if (!wanted.includes(id)) continue;
      seen.add(id);
      const price = finite(row.price);
      const change = row.change24h === null || row.change24h === undefined ? null : finite(row.change24h);
      if (price === undefined || price < 0 || change === undefined) {
        unusable.push(id);
        continue;
      }
      quotes.push({
        id,
        symbol: text(row.symbol).toUpperCase() || id.toUpperCase(),
        name: text(row.name) || id,
        image: safeImage(row.image),
        price,
        change24h: change,
        currency,
        updatedAt: clock.now(),
        source: 'json',
      });
    }
    return { quotes, unusable, unknown: wanted.filter((id) => !seen.has(id)) };
  });
}
