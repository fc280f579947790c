import { FeedError } from '../core/errors.js';
import type { Feed, FeedContext } from '../core/feed.js';
import type { MarketItem } from './markets.js';
import { pollingFeed } from './poller.js';

type Row = Record<string, unknown> | undefined;

/** CoinGecko's `/simple/price` shape, `{ "<id>": { "usd": 1.5, "usd_24h_change": 3.2 } }`: no names or symbols. */
const fromSimplePrice = (body: Record<string, Row>, currency: string): MarketItem[] =>
  Object.entries(body).map(([id, prices]) => ({
    id,
    current_price: prices?.[currency],
    price_change_percentage_24h: prices?.[`${currency}_24h_change`],
  }));

/**
 * A site's own token, or any source with no exchange listing: polls `endpoint`, a URL that answers either
 * CoinGecko's `/simple/price` shape or an array of `{ id, symbol, name, image, price, change24h }`. A price of 0
 * is a price (`$0.00`); a missing change shows `—`; a missing name or symbol is the id.
 */
export function json(context: FeedContext): Feed {
  const { currency, endpoint } = context;
  return pollingFeed(context, 'The price source', 'json', async (_, get) => {
    if (!endpoint)
      throw new FeedError('request', 'The json feed needs an endpoint: the URL of your prices.', undefined, 'json');
    const body = await get(endpoint);
    if (!body || typeof body !== 'object')
      throw new FeedError('format', 'The price source sent unreadable data.', undefined, 'json');
    if (!Array.isArray(body)) return fromSimplePrice(body as Record<string, Row>, currency);
    // As `/coins/markets` items, so both shapes are checked alike; only the documented fields count.
    return body.map((row: Row) => ({
      id: row?.id,
      symbol: row?.symbol,
      name: row?.name,
      image: row?.image,
      current_price: row?.price,
      price_change_percentage_24h: row?.change24h,
    }));
  });
}
