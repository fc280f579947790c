import { FeedError } from '../core/errors.js';
import type { Quote } from '../core/quote.js';
import type { Feed, FeedContext } from './feed.js';

/** A request still unanswered after this is aborted and counted as a failure. */
const TIMEOUT = 10_000;
/** Backoff never waits longer than this, whatever the failure count. */
const MAX_BACKOFF = 600_000;

/** What one poll found. */
export interface Harvest {
  quotes: Quote[];
  /** Ids whose data was unusable: their last good quote stays, marked stale. */
  unusable?: string[];
  /** Ids the source does not know. */
  unknown?: string[];
}

/**
 * Asks the source once for these ids. Throws a `FeedError` to report a failure: kinds `currency` and `request`
 * stop polling, any other retries (after `retryAt` when set). Anything else thrown reads as a network failure.
 */
export type Fetcher = (ids: readonly string[], signal: AbortSignal) => Promise<Harvest>;

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); ms from now. */
function retryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const ms = /^\s*\d+\s*$/.test(header) ? +header * 1000 : Date.parse(header) - now;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/**
 * GETs a JSON body (undefined when it is not JSON: a CDN's HTML error page, a truncated body). A failed answer
 * throws: a 429 is a rate limit that honours `Retry-After`; anything else is what `refuse` makes of it, or a
 * server error.
 */
export async function getJSON(
  context: Pick<FeedContext, 'fetch' | 'clock'>,
  name: string,
  url: string,
  init: RequestInit,
  refuse?: (status: number, body: unknown) => FeedError | undefined,
): Promise<unknown> {
  const response = await context.fetch(url, init);
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body;
  const { status } = response;
  if (status === 429) {
    const now = context.clock.now();
    const wait = retryAfter(response.headers.get('retry-after'), now);
    throw new FeedError('rate-limit', `${name} is rate-limiting; retrying.`, wait === undefined ? undefined : now + wait);
  }
  throw refuse?.(status, body) ?? new FeedError('server', `${name} answered ${status}.`);
}

/**
 * REST polling for every coin wanted on the page in one request per interval. Failures keep the last quotes (the
 * store marks them stale) and back off with jitter; a request that can never succeed stops polling. Polling
 * pauses while the page is hidden or offline and catches up at once on return.
 */
export function pollingFeed(context: FeedContext, name: string, fetcher: Fetcher): Feed {
  const { clock } = context;
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

  /** A failure keeps the last quotes and retries: at `retryAt`, or after a jittered exponential backoff. */
  function fail(error: FeedError) {
    if (error.kind === 'currency' || error.kind === 'request') {
      halted = true;
      stop();
      return context.onStatus('error', error);
    }
    failures++;
    // Full jitter keeps many open tabs from retrying in lockstep.
    let wait = error.retryAt === undefined ? Math.min(MAX_BACKOFF, interval() * 2 ** (failures - 1)) * (0.5 + Math.random() / 2) : error.retryAt - clock.now();
    wait = Math.max(wait, 10_000);
    context.onStatus('stale', new FeedError(error.kind, error.message, clock.now() + wait));
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
    let harvest: Harvest;
    try {
      harvest = await fetcher(wanted, controller.signal);
    } catch (error) {
      // A late answer to an old request is dropped.
      if (request !== controller) return;
      if (error instanceof FeedError) return fail(error);
      if (controller.signal.aborted) return fail(new FeedError('timeout', `${name} did not answer in time.`));
      // A CORS-less 429 reaches a page as a bare TypeError: back off as for a rate limit.
      return fail(new FeedError('rate-limit', `${name} is unreachable or rate-limiting; retrying.`));
    }
    if (request !== controller) return;
    const { quotes, unusable = [], unknown = [] } = harvest;
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
