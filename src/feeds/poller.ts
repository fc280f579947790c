import { FeedError } from '../core/errors.js';
import type { Quote } from '../core/quote.js';
import { backoff } from '../core/backoff.js';
import { MAX_INTERVAL, MIN_INTERVAL } from '../core/interval.js';
import { warnOnce } from '../core/warn.js';
import type { Feed, FeedContext } from '../core/feed.js';
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
export type Get = (
  url: string,
  headers?: Record<string, string>,
  refuse?: (status: number, body: unknown) => FeedError | undefined,
) => Promise<unknown>;

/**
 * Asks the source once for these ids, as `/coins/markets` items. Throws a `FeedError` to report a failure: kinds
 * `currency` and `request` stop polling, any other retries (after `retryAt` when set). Anything else thrown reads as
 * a timeout when the request ran out of time, else as a failed fetch (which is how a CORS-less 429 looks).
 */
export type Fetcher = (ids: readonly string[], get: Get) => Promise<MarketItem[]>;

/** Asks the source for its `top` largest coins by market cap, largest first, as `/coins/markets` items. */
export type Ranker = (top: number, get: Get) => Promise<MarketItem[]>;

/**
 * `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3): when to ask again, in ms since the epoch,
 * or undefined when absent or unreadable (the poller then backs off by itself). `Headers` values come trimmed.
 */
function retryAt(header: string | null, now: number): number | undefined {
  const at = header && /^\d+$/.test(header) ? now + +header * 1000 : Date.parse(header ?? '');
  return Number.isNaN(at) ? undefined : at;
}

/**
 * Where a poller is: every method acts on this one fact.
 * - `idle`: nothing wanted
 * - `queued`: a request goes out once the current task ends, for every coin the task added
 * - `requesting`: a request is out
 * - `scheduled`: the next request is timed, an interval after the last answer
 * - `backing-off`: the next request is timed, after a failure
 * - `paused`: the page is hidden or offline: nothing is timed (a request already out runs to its end); on return the
 *   next request goes out when it is due, at once if it fell due meanwhile
 * - `halted`: closed, or a request that can never succeed
 */
type PollerStatus = 'idle' | 'queued' | 'requesting' | 'scheduled' | 'backing-off' | 'paused' | 'halted';

/**
 * REST polling for every coin wanted on the page in one request per interval (`name` is the source as people
 * read it, `source` as quotes name it). Failures keep the last quotes (the store marks them stale) and back off
 * with jitter; a request that can never succeed stops polling. Polling pauses while the page is hidden or offline
 * and catches up at once on return. With a `ranker`, a poll that wants the top coins asks for them beside the named
 * ones: two requests at most, however many elements want how many.
 */
export function pollingFeed(
  context: FeedContext,
  name: string,
  source: string,
  fetcher: Fetcher,
  ranker?: Ranker,
): Feed {
  const { clock } = context;
  let status: PollerStatus = 'idle';
  let ids: readonly string[] = [];
  /** How many top coins are wanted; 0 for none (or when the source cannot rank them). */
  let top = 0;
  /** Ids of the last request: a new subscriber's coin triggers a fetch, a leaving one does not. */
  let asked = new Set<string>();
  let askedTop = 0;
  /** Set once a ranking request was refused for good: no top is asked for again. */
  let unranked = false;
  /** Whether the last request asked for 7-day history: a card arriving later is served at once. */
  let askedHistory = false;
  /** Coins an answer has priced: one missing from a later answer is a glitch, not an unknown coin. */
  const priced = new Set<string>();
  /** Failures in a row: the backoff grows with them. */
  let failures = 0;
  /** The next request's timer, or the deadline of the one out. */
  let timer: unknown;
  let request: AbortController | undefined;
  /** When the next request is due, on the monotonic clock; kept while paused so a return can catch up. */
  let nextAt = 0;

  const interval = () => Math.max(MIN_INTERVAL, context.interval()) * 1000;

  /** Ends the current request or timer, if any. */
  function stop() {
    clock.clearTimeout(timer);
    request?.abort();
    request = undefined;
  }

  /** Ends the current request and polls again after `delay`: paused, it only notes when; halted, not at all. */
  function schedule(delay: number) {
    stop();
    nextAt = clock.monotonic() + delay;
    if (status !== 'paused' && status !== 'halted') arm();
  }

  /** Times the next request for `nextAt`, at once if that is past. */
  function arm() {
    status = failures ? 'backing-off' : 'scheduled';
    timer = clock.setTimeout(poll, Math.max(0, nextAt - clock.monotonic()));
  }

  /** A failure keeps the last quotes and retries: at `retryAt`, or after a jittered exponential backoff. */
  function fail(error: FeedError) {
    if (error.kind === 'currency' || error.kind === 'request') {
      status = 'halted';
      stop();
      return context.onStatus('error', error);
    }
    failures++;
    // Never sooner than the shortest interval allowed, and never later than a day: timers treat a longer delay as
    // none, which would hammer the server. `retryAt` is wall time: Retry-After names a date.
    const wait = Math.min(
      Math.max(
        Number.isFinite(error.retryAt) ? error.retryAt! - clock.now() : backoff(failures, interval(), MAX_BACKOFF),
        MIN_INTERVAL * 1000,
      ),
      MAX_INTERVAL * 1000,
    );
    context.onStatus('stale', new FeedError(error.kind, error.message, clock.now() + wait, error.source, error.detail));
    schedule(wait);
  }

  /** A GET within the request `signal` ends (see `Get`). */
  const getter =
    (signal: AbortSignal): Get =>
    async (url, headers, refuse) => {
      const response = await context.fetch(url, { headers, signal });
      const body: unknown = await response.json().catch(() => undefined);
      if (response.ok) return body;
      const { status } = response;
      if (status === 429) {
        throw new FeedError(
          'rate-limit',
          `${name} is rate-limiting; retrying.`,
          retryAt(response.headers.get('retry-after'), clock.now()),
          name,
        );
      }
      throw refuse?.(status, body) ?? new FeedError('server', `${name} answered ${status}.`, undefined, name);
    };

  /**
   * A ranking request that can never succeed (a relay that serves only its allowlist refuses every top) leaves the
   * top out from then on, said once; the named coins go on being polled. Any other failure fails the poll.
   */
  function unrank(error: unknown): undefined {
    if (!(error instanceof FeedError && error.kind === 'request')) throw error;
    unranked = true;
    top = 0;
    warnOnce(`${error.message} The top coins are left out; the named ones are still shown.`);
    context.onTop([]);
  }

  async function poll() {
    stop();
    status = 'requesting';
    const controller = (request = new AbortController());
    const { signal } = controller;
    const wanted = ids;
    asked = new Set(wanted);
    askedTop = top;
    askedHistory = !!context.sparkline?.();
    timer = clock.setTimeout(() => controller.abort(), TIMEOUT);
    let items: MarketItem[];
    let ranked: MarketItem[] | undefined;
    try {
      const get = getter(signal);
      [items, ranked] = await Promise.all([
        wanted.length ? fetcher(wanted, get) : [],
        askedTop ? ranker?.(askedTop, get).catch(unrank) : undefined,
      ]);
    } catch (error) {
      // A late answer to an old request is dropped.
      if (request !== controller) return;
      // Out of time, whatever it broke (the fetch, or reading a body that had begun to arrive).
      if (signal.aborted) return fail(new FeedError('timeout', `${name} did not answer in time.`, undefined, name));
      if (error instanceof FeedError) return fail(error);
      // A CORS-less 429 reaches a page as a bare TypeError: back off as for a rate limit.
      return fail(new FeedError('rate-limit', `${name} is unreachable or rate-limiting; retrying.`, undefined, name));
    }
    if (request !== controller) return;
    failures = 0;
    if (ranked) receiveTop(ranked);
    receive(wanted, items);
    schedule(interval());
  }

  /** Reports the top coins' order, then their quotes; an item without a usable price is left out of both. */
  function receiveTop(items: MarketItem[]) {
    const quotes = items.flatMap((item) => toQuote(item, context.currency, source) ?? []);
    context.onTop(quotes.map((quote) => quote.id));
    context.onQuotes(quotes);
  }

  /**
   * Reports an answer's quotes for the wanted coins. A wanted coin whose data was unusable, or missing from an answer
   * after earlier ones priced it, keeps its last good quote (warned about once a coin); one never priced and missing
   * is unknown.
   */
  function receive(wanted: readonly string[], items: MarketItem[]) {
    const quotes: Quote[] = [];
    const unusable: string[] = [];
    const unknown: string[] = [];
    const seen = new Set<unknown>();
    // An answer of thousands of coins costs a lookup each: only the wanted ones are read further.
    const wants = new Set<unknown>(wanted);
    for (const item of items) {
      if (!wants.has(item?.id)) continue;
      seen.add(item.id);
      const quote = toQuote(item, context.currency, source);
      if (!quote) unusable.push(item.id as string);
      else {
        quotes.push(quote);
        priced.add(quote.id);
      }
    }
    for (const id of wanted) if (!seen.has(id)) (priced.has(id) ? unusable : unknown).push(id);
    for (const id of unusable) warnOnce(`${name} sent no usable price for ${id}; keeping the last good one.`);
    context.onQuotes(quotes, unusable);
    if (unknown.length) context.onUnknown(unknown);
    context.onStatus(quotes.length || !unusable.length ? 'live' : 'stale');
  }

  return {
    ranks: !!ranker,
    want(next) {
      ids = next.ids;
      top = (ranker && !unranked && next.top) || 0;
      if (!ids.length && !top) {
        stop();
        if (status !== 'paused' && status !== 'halted') status = 'idle';
        return;
      }
      // Fetch now when nothing is timed or out, or a coin is new unless backing off; elements upgrading in one task
      // share that one request.
      const served = ids.every((id) => asked.has(id)) && top <= askedTop && (askedHistory || !context.sparkline?.());
      if (status === 'idle' || (!served && (status === 'scheduled' || (status === 'requesting' && !failures)))) {
        status = 'queued';
        queueMicrotask(() => status === 'queued' && poll());
      }
    },
    setActive(active) {
      // Only a change counts.
      if (status === 'halted' || active === (status !== 'paused')) return;
      if (!active) {
        // A request already out keeps its deadline.
        if (status !== 'requesting') clock.clearTimeout(timer);
        status = 'paused';
      } else if (request) status = 'requesting';
      // Back from a hidden tab or offline: catch up at once if a request fell due meanwhile.
      else if (ids.length || top) arm();
      else status = 'idle';
    },
    close() {
      status = 'halted';
      stop();
    },
  };
}
