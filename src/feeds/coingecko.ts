import { FeedError, type FeedErrorKind } from '../core/errors.js';
import { safeImage, type Quote } from '../core/quote.js';
import { warnOnce } from '../core/warn.js';
import type { Feed, FeedContext } from './feed.js';

export const COINGECKO_ENDPOINT = 'https://api.coingecko.com/api/v3';

/** CoinGecko's `per_page` maximum: past it, the union is split over several requests. */
const PAGE = 250;
/** A request still unanswered after this is aborted and counted as a failure. */
const TIMEOUT = 10_000;
/** Backoff never waits longer than this, whatever the failure count. */
const MAX_BACKOFF = 600_000;

/** One item of `/coins/markets`: on the wire any field may be missing, null or of another type. */
type MarketItem = Record<string, unknown>;

const num = (value: unknown) => (Number.isFinite(value) ? (value as number) : undefined);
const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); ms from now. */
export function retryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const ms = /^\s*\d+\s*$/.test(header) ? +header * 1000 : Date.parse(header) - now;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/** CoinGecko's 7-day hourly prices, when asked for and every point a number. */
function sparkline(value: unknown): number[] | undefined {
  const prices = (value as { price?: unknown } | null)?.price;
  return Array.isArray(prices) && prices.length > 1 && prices.every(Number.isFinite) ? prices : undefined;
}

/** A usable quote, or undefined when the price or the change is missing: the last good one then stays. */
function toQuote(item: MarketItem, currency: string, now: number): Quote | undefined {
  const price = num(item.current_price);
  const change24h = num(item.price_change_percentage_24h);
  if (price === undefined || price < 0 || change24h === undefined) return undefined;
  const id = str(item.id);
  return {
    id,
    symbol: str(item.symbol).toUpperCase(),
    name: str(item.name) || id,
    image: safeImage(item.image),
    price,
    change24h,
    currency,
    updatedAt: Math.min(Date.parse(str(item.last_updated)) || now, now),
    source: 'coingecko',
    high24h: num(item.high_24h),
    low24h: num(item.low_24h),
    volume24h: num(item.total_volume),
    marketCap: num(item.market_cap),
    sparkline: sparkline(item.sparkline_in_7d),
  };
}

/**
 * CoinGecko REST polling: every coin wanted on the page in one `/coins/markets` request per interval.
 * Failures keep the last quotes (the store marks them stale) and back off; only a request that can
 * never succeed (an unknown currency, a rejected key) stops polling.
 */
export function coingecko(context: FeedContext): Feed {
  const { clock, currency } = context;
  const base = (context.endpoint ?? COINGECKO_ENDPOINT).replace(/\/+$/, '');
  const headers: Record<string, string> = {};
  if (context.apiKey) headers[`x-cg-${/\/\/pro-api\./.test(base) ? 'pro' : 'demo'}-api-key`] = context.apiKey;

  let ids: readonly string[] = [];
  /** Ids of the last request: a new subscriber's coin triggers a fetch, a leaving one does not. */
  let asked = new Set<string>();
  /** Whether the last request asked for 7-day history: a card arriving later is served at once. */
  let askedHistory = false;
  let active = true;
  let halted = false;
  let pending = false;
  let failures = 0;
  let timer: unknown;
  let deadline: unknown;
  let request: AbortController | undefined;
  /** When the next request is due; kept while paused so a return can catch up. */
  let nextAt = 0;

  const interval = () => Math.max(10, context.interval()) * 1000;

  /** Ends the current request, if any, and polls again after `delay` unless paused or halted. */
  function schedule(delay: number) {
    stop();
    nextAt = clock.now() + delay;
    if (active && !halted) timer = clock.setTimeout(poll, delay);
  }

  function stop() {
    clock.clearTimeout(timer);
    clock.clearTimeout(deadline);
    request?.abort();
    timer = request = undefined;
  }

  /** A failure keeps the last quotes and retries: after `wait`, or a jittered exponential backoff. */
  function fail(kind: FeedErrorKind, message: string, wait?: number) {
    failures++;
    // Full jitter keeps many open tabs from retrying in lockstep.
    wait ??= Math.min(MAX_BACKOFF, interval() * 2 ** (failures - 1)) * (0.5 + Math.random() / 2);
    wait = Math.max(wait, 10_000);
    context.onStatus('stale', new FeedError(kind, message, clock.now() + wait));
    schedule(wait);
  }

  async function poll() {
    if (!active || halted || !ids.length) return;
    stop();
    const controller = (request = new AbortController());
    const wanted = ids;
    asked = new Set(wanted);
    askedHistory = !!context.sparkline?.();
    deadline = clock.setTimeout(() => controller.abort(), TIMEOUT);
    try {
      const items: MarketItem[] = [];
      for (let i = 0; i < wanted.length; i += PAGE) {
        const page = wanted.slice(i, i + PAGE).map(encodeURIComponent);
        const history = askedHistory ? '&sparkline=true' : '';
        const url = `${base}/coins/markets?vs_currency=${encodeURIComponent(currency)}&ids=${page}&per_page=${PAGE}${history}`;
        const response = await context.fetch(url, { headers, signal: controller.signal });
        // An HTML error page from a CDN, or a truncated body, reads as undefined.
        const body: unknown = await response.json().catch(() => undefined);
        // A late answer to an old request is dropped.
        if (request !== controller) return;
        if (!response.ok) return refused(response, body);
        if (!Array.isArray(body)) return fail('format', 'CoinGecko sent unreadable data.');
        items.push(...body.filter((item) => item && typeof item === 'object'));
      }
      accept(items, wanted);
    } catch {
      if (request !== controller) return;
      if (controller.signal.aborted) fail('timeout', 'CoinGecko did not answer in time.');
      // A CORS-less 429 from CoinGecko's CDN reaches a page as a bare TypeError: back off as for a rate limit.
      else fail('rate-limit', 'CoinGecko is unreachable or rate-limiting; retrying.');
    }
  }

  function accept(items: MarketItem[], wanted: readonly string[]) {
    const now = clock.now();
    const quotes: Quote[] = [];
    const unusable: string[] = [];
    for (const item of items) {
      const quote = toQuote(item, currency, now);
      if (quote) quotes.push(quote);
      else if (item.id) unusable.push(str(item.id));
    }
    const seen = new Set(items.map((item) => item.id));
    const unknown = wanted.filter((id) => !seen.has(id));
    failures = 0;
    if (unusable.length) warnOnce(`CoinGecko sent no usable price for ${unusable.join(', ')}; keeping the last good one.`);
    context.onQuotes(quotes, unusable);
    if (unknown.length) context.onUnknown(unknown);
    context.onStatus(quotes.length || !unusable.length ? 'live' : 'stale');
    schedule(interval());
  }

  function refused({ status, headers }: Response, body: unknown) {
    // CoinGecko's error bodies: `{error: "…"}` or `{status: {error_message: "…"}}`.
    const b = body as { error?: unknown; status?: { error_message?: unknown } } | undefined;
    const message = str(b?.error) || str(b?.status?.error_message) || `HTTP ${status}`;
    if (status === 429) {
      return fail('rate-limit', 'CoinGecko rate limit reached; retrying.', retryAfter(headers.get('retry-after'), clock.now()));
    }
    if (status !== 400 && status !== 401) return fail('server', `CoinGecko answered ${status}.`);
    // A bad currency or a rejected key fails the same way every time: stop asking.
    halted = true;
    stop();
    context.onStatus(
      'error',
      /vs_currency/.test(message)
        ? new FeedError('currency', `Unknown currency "${currency}" for CoinGecko.`)
        : new FeedError('request', `CoinGecko refused the request: ${message}.`),
    );
  }

  return {
    want(next) {
      ids = next;
      if (!ids.length) return stop();
      // Fetch now when no poll is scheduled or running, or a coin is new unless backing off; elements upgrading
      // in one task share that one request.
      const busy = timer || request;
      const served = ids.every((id) => asked.has(id)) && (askedHistory || !context.sparkline?.());
      if (pending || (busy && (failures || served))) return;
      pending = true;
      queueMicrotask(() => {
        pending = false;
        void poll();
      });
    },
    setActive(next) {
      active = next;
      if (!active) clock.clearTimeout(timer);
      // Back from a hidden tab or offline: catch up at once if a request fell due meanwhile.
      else if (!request && !pending) schedule(Math.max(0, nextAt - clock.now()));
    },
    close() {
      halted = true;
      stop();
    },
  };
}
