import { FeedError } from '../core/errors.js';
import { safeImage, type Quote } from '../core/quote.js';
import { warnOnce } from '../core/warn.js';
import type { Feed, FeedContext } from './feed.js';
import { getJSON, pollingFeed, type Harvest } from './poller.js';

export const COINGECKO_ENDPOINT = 'https://api.coingecko.com/api/v3';

/** CoinGecko's `per_page` maximum: past it, the union is split over several requests. */
const PAGE = 250;

/** One item of `/coins/markets`: on the wire any field may be missing, null or of another type. */
export type MarketItem = Record<string, unknown>;

const num = (value: unknown) => (Number.isFinite(value) ? (value as number) : undefined);
const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** CoinGecko's 7-day hourly prices, when asked for and every point a number. */
function sparkline(value: unknown): number[] | undefined {
  const prices = (value as { price?: unknown } | null)?.price;
  return Array.isArray(prices) && prices.length > 1 && prices.every(Number.isFinite) ? prices : undefined;
}

/** A usable quote, or undefined when the price or the change is missing: the last good one then stays. */
function toQuote(item: MarketItem, currency: string, now: number, source: string): Quote | undefined {
  const price = num(item.current_price);
  // CoinGecko sends a null change for new or thin coins: unknown, not unusable (the store keeps an older known one).
  const change24h = item.price_change_percentage_24h == null ? null : num(item.price_change_percentage_24h);
  if (price === undefined || price < 0 || change24h === undefined) return undefined;
  const id = str(item.id);
  return {
    id,
    symbol: (str(item.symbol) || id).toUpperCase(),
    name: str(item.name) || id,
    image: safeImage(item.image),
    price,
    change24h,
    currency,
    updatedAt: Math.min(Date.parse(str(item.last_updated)) || now, now),
    source,
    high24h: num(item.high_24h),
    low24h: num(item.low_24h),
    volume24h: num(item.total_volume),
    marketCap: num(item.market_cap),
    sparkline: sparkline(item.sparkline_in_7d),
  };
}

/**
 * What a poll found among `/coins/markets`-shaped items: quotes for the wanted coins, the wanted coins whose data
 * was unusable (warned about once), and the wanted coins missing from the answer.
 */
export function harvest(items: MarketItem[], wanted: readonly string[], currency: string, now: number, source: string, name: string): Harvest {
  const quotes: Quote[] = [];
  const unusable: string[] = [];
  const seen = new Set<unknown>();
  for (const item of items) {
    if (!wanted.includes(item?.id as string)) continue;
    seen.add(item.id);
    const quote = toQuote(item, currency, now, source);
    if (quote) quotes.push(quote);
    else unusable.push(item.id as string);
  }
  if (unusable.length) warnOnce(`${name} sent no usable price for ${unusable.join(', ')}; keeping the last good one.`);
  return { quotes, unusable, unknown: wanted.filter((id) => !seen.has(id)) };
}

/** CoinGecko's error bodies: `{error: "…"}` or `{status: {error_message: "…"}}`. */
function refusal(status: number, body: unknown, currency: string): FeedError | undefined {
  if (status !== 400 && status !== 401) return;
  const b = body as { error?: unknown; status?: { error_message?: unknown } } | undefined;
  const message = str(b?.error) || str(b?.status?.error_message) || `HTTP ${status}`;
  // A bad currency or a rejected key fails the same way every time: the poller stops asking.
  return /vs_currency/.test(message)
    ? new FeedError('currency', `Unknown currency "${currency}" for CoinGecko.`)
    : new FeedError('request', `CoinGecko refused the request: ${message}.`);
}

/**
 * CoinGecko REST polling: every coin wanted on the page in one `/coins/markets` request per interval, with
 * 7-day history only while some subscriber wants it.
 */
export function coingecko(context: FeedContext): Feed {
  const { clock, currency } = context;
  const base = (context.endpoint ?? COINGECKO_ENDPOINT).replace(/\/+$/, '');
  const headers: Record<string, string> = {};
  if (context.apiKey) headers[`x-cg-${/\/\/pro-api\./.test(base) ? 'pro' : 'demo'}-api-key`] = context.apiKey;

  return pollingFeed(context, 'CoinGecko', async (wanted, signal) => {
    const history = context.sparkline?.() ? '&sparkline=true' : '';
    const items: MarketItem[] = [];
    for (let i = 0; i < wanted.length; i += PAGE) {
      const page = wanted.slice(i, i + PAGE).map(encodeURIComponent);
      const url = `${base}/coins/markets?vs_currency=${encodeURIComponent(currency)}&ids=${page}&per_page=${PAGE}${history}`;
      const body = await getJSON(context, 'CoinGecko', url, { headers, signal }, (status, body) => refusal(status, body, currency));
      if (!Array.isArray(body)) throw new FeedError('format', 'CoinGecko sent unreadable data.');
      items.push(...body);
    }
    return harvest(items, wanted, currency, clock.now(), 'coingecko', 'CoinGecko');
  });
}
