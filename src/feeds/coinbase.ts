import { exchangeFeed, num, type Reading } from './exchange.js';

/**
 * Coinbase Exchange `ticker` + `heartbeat`: decimals as strings, no percent (computed from `open_24h`). A thin
 * product can go quiet for minutes, so the per-product heartbeat (every second) is what proves the socket alive.
 * Each product is subscribed on its own: one unknown product fails a whole subscribe message.
 */
export const coinbase = exchangeFeed({
  name: 'Coinbase',
  code: 'c',
  url: (endpoint) => endpoint ?? 'wss://ws-feed.exchange.coinbase.com',
  pair: (symbol, currency) =>
    currency === 'usd' || currency === 'eur' ? `${symbol}-${currency.toUpperCase()}` : undefined,
  subscribe: (products, type) =>
    products.map((product) => ({ type, product_ids: [product], channels: ['ticker', 'heartbeat'] })),
  read(message): Reading | undefined {
    const m = message as Record<string, unknown>;
    if (m.type === 'ticker') {
      const price = num(m.price);
      const open = num(m.open_24h);
      const change24h = ((price - open) / open) * 100;
      return {
        ticks: [
          {
            pair: String(m.product_id),
            price,
            change24h,
            high24h: num(m.high_24h),
            low24h: num(m.low_24h),
            volume24h: num(m.volume_24h),
          },
        ],
      };
    }
    // "BTC-XYZ is not a valid product", "… is delisted".
    if (m.type === 'error') return { refused: /^(\S+) is /.exec(String(m.reason))?.[1] };
  },
  liveness: 10_000,
});
