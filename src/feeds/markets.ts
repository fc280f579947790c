import { isPrice, type Quote } from '../core/quote.js';

/**
 * One item of CoinGecko's `/coins/markets`, the shape every REST feed hands the poller: on the wire any field may be
 * missing, null or of another type.
 */
export type MarketItem = Record<string, unknown>;

const num = (value: unknown) => (Number.isFinite(value) ? (value as number) : undefined);
export const str = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * An item as a quote, or undefined when its price or change is unusable (the last good one then stays). The other
 * fields go as the wire has them: the store holds them to the Quote contract, as it holds every feed's.
 */
export function toQuote(item: MarketItem, currency: string, source: string): Quote | undefined {
  const price = item.current_price;
  // CoinGecko sends a null change for new or thin coins: unknown, not unusable (the store keeps an older known one).
  const change24h = item.price_change_percentage_24h == null ? null : num(item.price_change_percentage_24h);
  if (!isPrice(price) || change24h === undefined) return undefined;
  const id = str(item.id);
  const quote: Record<keyof Quote, unknown> = {
    id,
    symbol: (str(item.symbol) || id).toUpperCase(),
    name: str(item.name) || id,
    image: item.image,
    price,
    change24h,
    currency,
    updatedAt: Date.parse(str(item.last_updated)),
    source,
    high24h: item.high_24h,
    low24h: item.low_24h,
    volume24h: item.total_volume,
    marketCap: item.market_cap,
    rank: item.market_cap_rank,
    change7d: item.price_change_percentage_7d_in_currency,
    sparkline: (item.sparkline_in_7d as { price?: unknown } | null)?.price,
  };
  return quote as Quote;
}
