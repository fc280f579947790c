import { isPrice, safeImage, type Quote } from '../core/quote.js';

/**
 * One item of CoinGecko's `/coins/markets`, the shape every REST feed hands the poller: on the wire any field may be
 * missing, null or of another type.
 */
export type MarketItem = Record<string, unknown>;

const num = (value: unknown) => (Number.isFinite(value) ? (value as number) : undefined);
export const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** CoinGecko's 7-day hourly prices (168), when asked for and every point a price; thousands would draw nothing more. */
function sparkline(value: unknown): number[] | undefined {
  const prices = (value as { price?: unknown } | null)?.price;
  return Array.isArray(prices) && prices.length > 1 && prices.length <= 1000 && prices.every(isPrice)
    ? prices
    : undefined;
}

/** A usable quote, or undefined when the price or the change is missing: the last good one then stays. */
export function toQuote(item: MarketItem, currency: string, source: string, now: number): Quote | undefined {
  const price = item.current_price;
  // CoinGecko sends a null change for new or thin coins: unknown, not unusable (the store keeps an older known one).
  const change24h = item.price_change_percentage_24h == null ? null : num(item.price_change_percentage_24h);
  if (!isPrice(price) || change24h === undefined) return undefined;
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
