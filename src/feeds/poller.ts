import { FeedError } from '../core/errors.js';
import type { Quote } from '../core/quote.js';
import { MAX_INTERVAL, MIN_INTERVAL } from '../core/request.js';
import { warnOnce } from '../core/warn.js';
import type { Feed, FeedContext } from './feed.js';
import { toQuote, type MarketItem } from './markets.js';

/** A request still unanswered after this is aborted and counted as a failure. */
const TIMEOUT = 10_000;
/** Backoff never waits longer than this, whatever the failure count. */
const MAX_BACKOFF = 600_000;

/**
 * GETs a JSON body within the current poll (undefined when it is not JSON: a CDN's HTML error page, a truncated
 * body). A failed answer throws: a 429 is a rate limit that honours `Retry-After`; anything else is what `refuse`
 * makes of it, or a server error.
 */
export type Get = (url: string, headers?: Record<string, string>, refuse?: (status: number, body: unknown) => FeedError | undefined) => Promise<unknown>;

/**
 * Asks the source once for these ids, as `/coins/markets` items. Throws a `FeedError` to report a failure: kinds
 * `currency` and `request` stop polling, any other retries (after `retryAt` when set). Anything else thrown reads as
 * a timeout when the request ran out of time, else as a failed fetch (which is how a CORS-less 429 looks).
 */
export type Fetcher = (ids: readonly string[], get: Get) => Promise<MarketItem[]>;

/**
 * `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3): when to ask again, in ms since the epoch,
 * or undefined when absent or unreadable (the poller then backs off by itself). `Headers` values come trimmed.
 */
function retryAt(header: string | null, now: number): number | undefined {
  const at = header && /^\d+$/.test(header) ? now + +header * 1000 : Date.parse(header ?? '');
  return Number.isNaN(at) ? undefined : at;
}

/**
 * REST polling for every coin wanted on the page in one request per interval (`name` is the source as people
 * read it, `source` as quotes name it). Failures keep the last quotes (the store marks them stale) and back off
 * with jitter; a request that can never succeed stops polling. Polling pauses while the page is hidden or offline
 * and catches up at once on return.
 */
export function pollingFeed(context: FeedContext, name: string, source: string, fetcher: Fetcher): Feed {
  const { clock } = context;
  let ids: readonly string[] = [];
  /** Ids of the last request: a new subscriber's coin triggers a fetch, a leaving one does not. */
  let asked = new Set<string>();
  /** Whether the last request asked for 7-day history: a card arriving later is served at once. */
  let askedHistory = false;
  /** Coins an answer has priced: one missing from a later answer is a glitch, not an unknown coin. */
  const priced = new Set<string>();
  let active = true;
  let halted = false;
  let pending = false;
  let failures = 0;
  let timer: unknown;
  let deadline: unknown;
  let request: AbortController | undefined;
  /** When the next request is due; kept while paused so a return can catch up. */
  let nextAt = 0;

  const interval = () => Math.max(MIN_INTERVAL, context.interval()) * 1000;

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

  /** A failure keeps the last quotes and retries: at `retryAt`, or after a jittered exponential backoff. */
  function fail(error: FeedError) {
    if (error.kind === 'currency' || error.kind === 'request') {
      halted = true;
      stop();
      return context.onStatus('error', error);
    }
    failures++;
    // Jitter (50–100 % of the step) keeps many open tabs from retrying in lockstep. Never sooner than the shortest
    // interval allowed, and never later than a day: timers treat a longer delay as none, which would hammer the server.
    const wait = Math.min(
      Math.max(
        Number.isFinite(error.retryAt) ? error.retryAt! - clock.now() : Math.min(MAX_BACKOFF, interval() * 2 ** (failures - 1)) * (0.5 + Math.random() / 2),
        MIN_INTERVAL * 1000,
      ),
      MAX_INTERVAL * 1000,
    );
    context.onStatus('stale', new FeedError(error.kind, error.message, clock.now() + wait));
    schedule(wait);
  }

  async function poll() {
    if (!active || halted || !ids.length) return;
    stop();
    const controller = (request = new AbortController());
    const { signal } = controller;
    const wanted = ids;
    asked = new Set(wanted);
    askedHistory = !!context.sparkline?.();
    deadline = clock.setTimeout(() => controller.abort(), TIMEOUT);
    const get: Get = async (url, headers, refuse) => {
      const response = await context.fetch(url, { headers, signal });
      const body: unknown = await response.json().catch(() => undefined);
      if (response.ok) return body;
      const { status } = response;
      if (status === 429) {
        throw new FeedError('rate-limit', `${name} is rate-limiting; retrying.`, retryAt(response.headers.get('retry-after'), clock.now()));
      }
      throw refuse?.(status, body) ?? new FeedError('server', `${name} answered ${status}.`);
    };
    let items: MarketItem[];
    try {
      items = await fetcher(wanted, get);
    } catch (error) {
      // A late answer to an old request is dropped.
      if (request !== controller) return;
      // Out of time, whatever it broke (the fetch, or reading a body that had begun to arrive).
      if (signal.aborted) return fail(new FeedError('timeout', `${name} did not answer in time.`));
      if (error instanceof FeedError) return fail(error);
      // A CORS-less 429 reaches a page as a bare TypeError: back off as for a rate limit.
      return fail(new FeedError('rate-limit', `${name} is unreachable or rate-limiting; retrying.`));
    }
    if (request !== controller) return;
    // Quotes for the wanted coins. A wanted coin whose data was unusable, or missing from an answer after earlier ones
    // priced it, keeps its last good quote (warned about once a coin); one never priced and missing is unknown.
    const now = clock.now();
    const quotes: Quote[] = [];
    const unusable: string[] = [];
    const unknown: string[] = [];
    const seen = new Set<unknown>();
    for (const item of items) {
      if (!wanted.includes(item?.id as string)) continue;
      seen.add(item.id);
      const quote = toQuote(item, context.currency, source, now);
      if (!quote) unusable.push(item.id as string);
      else {
        quotes.push(quote);
        priced.add(quote.id);
      }
    }
    for (const id of wanted) if (!seen.has(id)) (priced.has(id) ? unusable : unknown).push(id);
    for (const id of unusable) warnOnce(`${name} sent no usable price for ${id}; keeping the last good one.`);
    failures = 0;
    context.onQuotes(quotes, unusable);
    if (unknown.length) context.onUnknown(unknown);
    context.onStatus(quotes.length || !unusable.length ? 'live' : 'stale');
    schedule(interval());
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
