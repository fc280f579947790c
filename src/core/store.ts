import type { Feed } from './feed.js';
import { readCache, writeCache } from './cache.js';
import { config, configVersion, feedFactory, feedNames } from './config.js';
import { FeedError } from './errors.js';
import type { SocketFactory } from './socket.js';
import { checkQuote, type FeedStatus, type Quote } from './quote.js';
import { warnOnce } from './warn.js';

/** What a subscriber asks for. Everything but `ids`, `interval` and `sparkline` picks the store. */
export interface QuoteRequest {
  ids: readonly string[];
  feed: string;
  currency: string;
  endpoint?: string;
  apiKey?: string;
  /** Polling period in seconds; the store polls at the shortest one its subscribers ask for. */
  interval: number;
  /** Whether 7-day price history is wanted (a card is on the page): fetched only then. */
  sparkline?: boolean;
  /** How many of the largest coins by market cap to show after `ids`: those not among them, in market-cap order. */
  top?: number;
}

/** Called with the ids whose quotes changed, or with null when the status changed. */
export type Listener = (changed: ReadonlySet<string> | null) => void;

export interface Subscription {
  readonly store: QuoteStore;
  unsubscribe(): void;
}

type Wanted = Pick<QuoteRequest, 'ids' | 'interval' | 'sparkline' | 'top'>;

interface Subscriber extends Wanted {
  listener: Listener;
}

/** The feeds `define` and the bundles register; an app that imports elements alone registers those it uses. */
const BUILT_IN = ['auto', 'coingecko', 'kraken', 'coinbase', 'binance', 'json', 'relay'];

/** An endpoint a feed can reach: http(s) or ws(s), once resolved against the page (`/prices.json` is one). */
function reachable(url: string) {
  try {
    return /^(http|ws)s?:$/.test(new URL(url, globalThis.location?.href).protocol);
  } catch {
    return false;
  }
}

/**
 * What in the page's settings can never work, if anything: a feed name no feed is registered under (the page may
 * register it later), an endpoint no request can reach (the element's own or any page-wide one), a key a request
 * header cannot carry. Retrying would only hide it.
 */
function settingsError({ feed, endpoint, apiKey }: Pick<QuoteRequest, 'feed' | 'endpoint' | 'apiKey'>) {
  const stop = '; nothing is requested until it is fixed.';
  if (!feedFactory(feed)) {
    const feeds = feedNames().join(', ');
    return new FeedError(
      'feed',
      BUILT_IN.includes(feed)
        ? `Feed "${feed}" is not registered: import "coin-ticker/feeds/${feed}.js".`
        : // Not the list, which the status line gives: a feed registered meanwhile would make it a second warning.
          `Feed "${feed}" is not a feed: call registerFeed("${feed}", factory), or use a registered one.`,
      undefined,
      feed,
      feeds,
    );
  }
  const url = [endpoint, ...Object.values(config.endpoints)].find((url) => url && !reachable(url));
  if (url !== undefined) {
    const shown = url.length > 40 ? `${url.slice(0, 39)}…` : url;
    return new FeedError('endpoint', `Endpoint "${shown}" is not an http(s) or ws(s) URL${stop}`, undefined, shown);
  }
  // A header value is Latin-1 with no line break or NUL: `fetch` throws on anything else, like a network failure.
  if (apiKey && /[\0\r\n]|[^\0-\xff]/.test(apiKey))
    return new FeedError('api-key', `The API key has a character no request header can carry${stop}`, undefined, feed);
}

/** Writing storage on every tick of a live feed would cost more than it saves: at most this often, and on leaving. */
const CACHE_GAP = 5000;

/**
 * One feed's quotes for one currency and endpoint, shared by every element that asks for them.
 * It asks its feed for the union of the ids its subscribers want; the last one to leave closes it.
 */
export class QuoteStore {
  status: FeedStatus = 'loading';
  error?: FeedError;
  /** Whether fresh prices tick in over a socket now, rather than being polled. */
  live = false;
  readonly quotes = new Map<string, Quote>();
  /** Coins whose shown quote is not current: from the cache, or the feed's last data for them was unusable or lost. */
  readonly stale = new Set<string>();
  /** Coins the feed does not know (''), or does not list: the exchange's name. */
  readonly unknown = new Map<string, string>();
  /** Fields of a coin's quote kept from an older one, since the feed's latest value broke the contract. */
  readonly staleFields = new Map<string, ReadonlyArray<keyof Quote>>();
  /** Why a stale coin is stale, where that is not the store's `error`: reasons are per coin, not per feed. */
  readonly reasons = new Map<string, FeedError>();
  /** The largest coins by market cap, largest first, as the feed last ranked them (at first, as the cache did). */
  top: readonly string[] = [];

  #subscribers = new Set<Subscriber>();
  #feed?: Feed;
  #cacheTimer: unknown;
  /** When the cache was last written, on the monotonic clock. */
  #writtenAt = -Infinity;
  #unwatch?: () => void;

  #feedName: string;
  #cacheKey: string;
  #onEmpty: () => void;

  constructor(request: Omit<QuoteRequest, keyof Wanted>, cacheKey: string, onEmpty: () => void) {
    this.#feedName = request.feed;
    this.#cacheKey = cacheKey;
    this.#onEmpty = onEmpty;
    const cached = readCache(cacheKey, config.clock.now());
    for (const quote of cached) {
      this.quotes.set(quote.id, quote);
      this.stale.add(quote.id);
    }
    // The cached coins ranked 1, 2, 3… in a row: what the top was, until the feed says what it is.
    this.top = cached
      .filter((q) => q.rank)
      .sort((a, b) => a.rank! - b.rank!)
      .filter((q, i) => q.rank === i + 1)
      .map((q) => q.id);
    const problem = settingsError(request);
    const factory = feedFactory(request.feed);
    if (problem || !factory) {
      // A module that imports the bundle (which upgrades the page's elements at once) may register the feed in its
      // body: by the next microtask those elements have moved to a store that has it, and this one has no one to tell.
      if (problem?.kind !== 'feed') this.#setStatus('error', problem);
      else queueMicrotask(() => this.#subscribers.size && this.#setStatus('error', problem));
      return;
    }
    const { activity, clock } = config;
    this.#feed = factory({
      ...request,
      interval: () => Math.min(...[...this.#subscribers].map((s) => s.interval)),
      sparkline: () => [...this.#subscribers].some((s) => s.sparkline),
      fetch: (...args) => (config.fetch ?? fetch)(...args),
      WebSocket: config.WebSocket ?? (globalThis.WebSocket as SocketFactory),
      clock,
      endpoints: config.endpoints,
      onQuotes: this.#receive.bind(this),
      onStatus: this.#setStatus.bind(this),
      onUnknown: this.#markUnknown.bind(this),
      onTop: this.#setTop.bind(this),
    });
    // A page being hidden or left saves its quotes at once: the next page view paints them on its first frame.
    const follow = () => {
      this.#feed?.setActive(activity.active());
      if (this.#cacheTimer !== undefined) this.#flush();
    };
    follow();
    this.#unwatch = activity.watch(follow);
  }

  isStale(id: string): boolean {
    return this.status !== 'live' || this.stale.has(id);
  }

  /** A subscriber's coins after the ones it named: the first `top` of the ranked ones it did not name. */
  topOf({ ids, top = 0 }: Pick<QuoteRequest, 'ids' | 'top'>): string[] {
    return top ? this.top.filter((id) => !ids.includes(id)).slice(0, top) : [];
  }

  subscribe(request: Wanted, listener: Listener): Subscription {
    const subscriber = { ...request, listener };
    this.#subscribers.add(subscriber);
    this.#sync();
    return {
      store: this,
      unsubscribe: () => {
        if (!this.#subscribers.delete(subscriber)) return;
        if (this.#subscribers.size) return this.#sync();
        this.#feed?.close();
        this.#unwatch?.();
        if (this.#cacheTimer !== undefined) this.#flush();
        this.#onEmpty();
      },
    };
  }

  /** Hands the feed the union of wanted ids, in first-asked order, and the largest `top` (which serves the others). */
  #sync() {
    const subscribers = [...this.#subscribers];
    // Enough ranked coins that each subscriber has its N after leaving out the ones it named.
    const top = Math.max(0, ...subscribers.map((s) => (s.top ? s.top + s.ids.length : 0)));
    if (top && this.#feed && !this.#feed.ranks)
      warnOnce(`Feed ${this.#feedName} does not rank coins: top is ignored, and only the coins named are shown.`);
    this.#feed?.want({ ids: [...new Set(subscribers.flatMap((s) => s.ids))], top });
  }

  /** A coin a feed ranks twice is shown once. */
  #setTop(ranked: readonly string[]) {
    const ids = [...new Set(ranked)];
    if (String(ids) === String(this.top)) return;
    this.top = ids;
    this.#notify(new Set(ids));
  }

  #receive(quotes: readonly Quote[], unusable: readonly string[] = [], reason?: FeedError) {
    const changed = new Set(unusable);
    const now = config.clock.now();
    for (const input of quotes) {
      const { id } = input ?? {};
      const old = this.quotes.get(id);
      const { quote, failed } = checkQuote(input, old, now);
      for (const field of failed)
        warnOnce(`Feed ${this.#feedName} sent an unusable ${field}; keeping the last good value.`);
      // No usable price: the last good quote stays, marked stale.
      if (!quote) {
        if (typeof id == 'string') {
          this.stale.add(id);
          changed.add(id);
        }
        continue;
      }
      // A price whose 24 h change went missing is not a good quote: the last good one stays, marked stale.
      if (quote.change24h === null && old?.change24h != null) {
        this.stale.add(id);
        changed.add(id);
        continue;
      }
      // Fields kept from an older quote are not current, like a stale price; one that never had a value shows `—`.
      const kept = failed.filter((field) => quote[field] != null);
      // Who the coin is counts as much as its price: a name a bad answer got wrong is healed by the next good one.
      if (
        this.stale.delete(id) ||
        old?.price !== quote.price ||
        old.change24h !== quote.change24h ||
        old.name !== quote.name ||
        old.symbol !== quote.symbol ||
        old.image !== quote.image ||
        String(kept) !== String(this.staleFields.get(id) ?? [])
      ) {
        changed.add(id);
      }
      if (kept.length) this.staleFields.set(id, kept);
      else this.staleFields.delete(id);
      this.quotes.set(id, quote);
      this.unknown.delete(id);
      this.reasons.delete(id);
    }
    for (const id of unusable) {
      this.stale.add(id);
      if (reason) this.reasons.set(id, reason);
      else this.reasons.delete(id);
    }
    this.#notify(changed);
    const { clock } = config;
    this.#cacheTimer ??= clock.setTimeout(
      () => this.#flush(),
      Math.max(0, this.#writtenAt + CACHE_GAP - clock.monotonic()),
    );
  }

  #markUnknown(ids: readonly string[], unlistedOn = '') {
    const message = unlistedOn ? `Not on ${unlistedOn}` : 'Unknown coin';
    for (const id of ids) {
      this.unknown.set(id, unlistedOn);
      warnOnce(`${message}: "${id}" (feed ${this.#feedName}; coins are CoinGecko ids such as "bitcoin").`);
    }
    this.#notify(new Set(ids));
  }

  #setStatus(status: FeedStatus, error?: FeedError, live = false) {
    if (status === this.status && error?.message === this.error?.message && live === this.live) return;
    this.status = status;
    this.live = live;
    this.error = error;
    // A request that can never succeed is the page's to fix, even while `auto` stays live on an exchange's ticks.
    if (error && (status === 'error' || error.kind === 'currency' || error.kind === 'request')) warnOnce(error.message);
    this.#notify(null);
  }

  #notify(changed: ReadonlySet<string> | null) {
    for (const subscriber of this.#subscribers) {
      const { ids, listener } = subscriber;
      const has = (id: string) => changed!.has(id);
      if (!changed || ids.some(has) || (subscriber.top && this.topOf(subscriber).some(has))) listener(changed);
    }
  }

  #flush() {
    config.clock.clearTimeout(this.#cacheTimer);
    this.#cacheTimer = undefined;
    this.#writtenAt = config.clock.monotonic();
    writeCache(this.#cacheKey, this.quotes.values());
  }
}

const stores = new Map<string, QuoteStore>();

/** Subscribes to the page's one store for this feed, currency and endpoint, creating it on first use. */
export function subscribe(request: QuoteRequest, listener: Listener): Subscription {
  const { ids, interval, sparkline, top, ...which } = request;
  // The API key picks the store but never reaches storage, so it is not part of the cache key.
  const cacheKey = JSON.stringify([which.feed, which.currency, which.endpoint]);
  const key = cacheKey + which.apiKey + configVersion();
  let store = stores.get(key);
  if (!store) stores.set(key, (store = new QuoteStore(which, cacheKey, () => stores.delete(key))));
  return store.subscribe(request, listener);
}
