import { exchangeFeed, num, type Reading } from './exchange.js';

interface KrakenMessage {
  channel?: string;
  type?: string;
  data?: Array<Record<string, unknown>>;
  method?: string;
  success?: boolean;
  symbol?: string;
  error?: string;
}

/**
 * Kraken WebSocket v2 `ticker`: a snapshot, then updates, all in JSON numbers with `change_pct` in percent.
 * Pairs are `BTC/USD` (v2 rejects v1's `XBT`). Kraken sends a heartbeat every second only while otherwise quiet.
 */
export const kraken = exchangeFeed({
  name: 'Kraken',
  code: 'k',
  url: (endpoint) => endpoint ?? 'wss://ws.kraken.com/v2',
  pair: (symbol, currency) =>
    currency === 'usd' || currency === 'eur' ? `${symbol}/${currency.toUpperCase()}` : undefined,
  subscribe: (symbol, method) => [{ method, params: { channel: 'ticker', symbol } }],
  read(message): Reading | undefined {
    const m = message as KrakenMessage;
    if (m.channel === 'ticker') {
      return {
        ticks: m.data?.map((t) => ({
          pair: String(t.symbol),
          price: num(t.last),
          change24h: num(t.change_pct),
          high24h: num(t.high),
          low24h: num(t.low),
          volume24h: num(t.volume),
        })),
      };
    }
    // One acknowledgement per symbol; a refused one names it, in `symbol` or, in older ones, at the end of `error`.
    if (m.method === 'subscribe' && m.success === false)
      return { refused: m.symbol ?? /\S+$/.exec(String(m.error))?.[0] };
  },
  liveness: 10_000,
});
