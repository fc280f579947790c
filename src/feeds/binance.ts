import { exchangeFeed, num, type Reading } from './exchange.js';

/** Request ids: Binance echoes them in its acknowledgements. */
let requests = 0;

/**
 * Binance combined `<pair>@ticker` streams over `/stream`, subscribed live: every event wrapped as
 * `{stream, data}`, decimals as strings, `P` in percent. USDT pairs only, so `usd` means USDT here. Binance
 * closes every connection after 24 h, so the socket replaces it first, and announces maintenance with `serverShutdown`:
 * both reconnect at once after a stable connection (see the socket's `reconnect`).
 */
export const binance = exchangeFeed({
  name: 'Binance',
  code: 'b',
  url: (endpoint) => `${endpoint ?? 'wss://data-stream.binance.vision'}/stream`,
  pair: (symbol, currency) =>
    currency === 'usd' || currency === 'usdt' ? `${symbol.toLowerCase()}usdt@ticker` : undefined,
  subscribe: (params, method) => [{ method: method.toUpperCase(), params, id: ++requests }],
  read(message): Reading | undefined {
    const { stream, data } = message as { stream?: string; data?: Record<string, unknown> };
    if (data?.e === 'serverShutdown') return { reconnect: true };
    if (data?.e !== '24hrTicker') return;
    return {
      ticks: [
        {
          pair: String(stream),
          price: num(data.c),
          change24h: num(data.P),
          high24h: num(data.h),
          low24h: num(data.l),
          volume24h: num(data.v),
        },
      ],
    };
  },
  // A subscribed stream updates every second; the server's pings every 20 s are frames a page never sees.
  liveness: 30_000,
  // Binance ends every connection at 24 h: replaced a few minutes before, no price goes stale.
  lifetime: 86_100_000,
  // Binance acknowledges a stream for a pair it does not trade, then sends nothing on it.
  unheard: { ms: 20_000, probe: () => ({ method: 'LIST_SUBSCRIPTIONS', id: ++requests }) },
});
