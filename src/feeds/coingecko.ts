import { FeedError } from '../core/errors.js';
import type { Feed, FeedContext } from '../core/feed.js';
import { str, type MarketItem } from './markets.js';
import { pollingFeed, type Get } from './poller.js';

export const COINGECKO_ENDPOINT = 'https://api.coingecko.com/api/v3';

/** CoinGecko's `per_page` maximum: past it, the union is split over several requests. */
const PAGE = 250;

/**
 * CoinGecko REST polling: every coin wanted on the page in one `/coins/markets` request per interval, with
 * 7-day history only while some subscriber wants it. `name` is who answers, as messages say it: a relay's snapshot
 * speaks CoinGecko's API, but its refusals are the relay's.
 */
export function coingecko(context: FeedContext, name = 'CoinGecko'): Feed {
  const { currency } = context;
  const base = (context.endpoint ?? COINGECKO_ENDPOINT).replace(/\/+$/, '');
  const headers: Record<string, string> = {};
  if (context.apiKey) headers[`x-cg-${/\/\/pro-api\./.test(base) ? 'pro' : 'demo'}-api-key`] = context.apiKey;

  /** CoinGecko's error bodies: `{error: "…"}` or `{status: {error_message: "…"}}`. */
  const refuse = (status: number, body: unknown): FeedError | undefined => {
    if (status !== 400 && status !== 401) return;
    const b = body as { error?: unknown; status?: { error_message?: unknown } } | undefined;
    const message = str(b?.error) || str(b?.status?.error_message) || `HTTP ${status}`;
    // A bad currency or a rejected key fails the same way every time: the poller stops asking.
    return /vs_currency/.test(message)
      ? new FeedError('currency', `${name} does not quote "${currency}".`, undefined, name, currency)
      : new FeedError('request', `${name} refused the request: ${message.replace(/\.$/, '')}.`, undefined, name);
  };

  /** One `/coins/markets` answer; a card's and a table's history (7-day series and change) come in it too. */
  const markets = async (get: Get, query: string) => {
    const history = context.sparkline?.() ? '&sparkline=true&price_change_percentage=7d' : '';
    const body = await get(
      `${base}/coins/markets?vs_currency=${encodeURIComponent(currency)}&${query}${history}`,
      headers,
      refuse,
    );
    if (!Array.isArray(body)) throw new FeedError('format', `${name} sent unreadable data.`, undefined, name);
    return body as MarketItem[];
  };

  return pollingFeed(
    context,
    name,
    'coingecko',
    async (wanted, get) => {
      let items: MarketItem[] = [];
      for (let i = 0; i < wanted.length; i += PAGE) {
        const page = wanted.slice(i, i + PAGE).map(encodeURIComponent);
        // Not push(...body): spreading a huge answer overflows the stack.
        items = items.concat(await markets(get, `ids=${page}&per_page=${PAGE}`));
      }
      return items;
    },
    (top, get) => markets(get, `order=market_cap_desc&per_page=${Math.min(top, PAGE)}`),
  );
}
