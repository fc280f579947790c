// @ts-check
/**
 * The relay's side of the package's own store: one store per currency, asked for the union of every coin any client
 * (socket or snapshot) wants and the largest `top` any of them wants, so 5,000 visitors watching Bitcoin cost one
 * exchange subscription and one CoinGecko request per interval, and every top list one more. Clients never talk to a
 * store: they read its state at their own pace (see `Channel.seq`).
 */
import { subscribe } from '../../dist/npm/core/store.js';

/** @typedef {import('../../dist/npm/core/store.js').QuoteStore} QuoteStore */
/** @typedef {import('../../dist/npm/core/store.js').Subscription} Subscription */
/** @typedef {import('../../dist/npm/core/clock.js').Clock} Clock */

/** A coin (or a top list) asked for only by snapshot requests stays wanted this long after the last one. */
const HTTP_TTL = 10 * 60_000;
/** CoinGecko's `per_page` maximum: the largest top one upstream request answers. */
export const MAX_TOP = 250;
/** The feeds that rank coins by market cap (`Feed.ranks`): the others cannot answer `top`. */
const RANKING_FEEDS = ['auto', 'coingecko'];
/** @type {readonly string[]} */
const NONE = Object.freeze([]);

/**
 * A top a client may ask for.
 * @param {unknown} value
 * @returns {value is number}
 */
export const isTop = (value) =>
  Number.isInteger(value) && /** @type {number} */ (value) >= 1 && /** @type {number} */ (value) <= MAX_TOP;

/**
 * One currency's store and what changed in it, as sequence numbers: a client remembers the `seq` it last saw and
 * asks for what changed since, so a change costs one counter bump however many clients there are.
 */
export class Channel {
  /** Bumped by every notification from the store. */
  seq = 0;
  /** When the feed-level status last changed. */
  statusSeq = 0;
  /** When the ranking (the store's `top`) last changed. */
  topSeq = 0;
  /** @type {Map<string, number>} when each coin last changed */
  changedAt = new Map();
  /** Upstream notifications received: the metric of upstream message rates. */
  notifications = 0;
  /** @type {Map<string, number>} holders per coin: socket subscriptions, plus one while snapshot requests want it */
  #refs = new Map();
  /** @type {Map<string, number>} coins snapshot requests asked for, with when they last did (monotonic) */
  #asked = new Map();
  /** @type {Map<number, number>} holders per top size, as `#refs` counts them per coin */
  #tops = new Map();
  /** @type {Map<number, number>} top sizes snapshot requests asked for, with when they last did (monotonic) */
  #askedTops = new Map();
  /** @type {Subscription | undefined} */
  #subscription;
  /** @type {Set<string>} what the store was last asked for */
  #subscribed = new Set();
  #subscribedTop = 0;
  /** The store's ranking as the last notification found it: a change is one to tell clients of. */
  #ranking = NONE;
  #queued = false;
  #closed = false;

  /**
   * @param {string} currency
   * @param {Upstream} upstream
   */
  constructor(currency, upstream) {
    this.currency = currency;
    this.upstream = upstream;
  }

  /** The store, once anything has been asked for. @returns {QuoteStore | undefined} */
  get store() {
    return this.#subscription?.store;
  }

  /**
   * The largest coins by market cap, largest first, as many as the largest top wanted (fewer until answered): the
   * store's ranking as of its last notification, which is what `topSeq` dates.
   */
  get ranking() {
    return this.#ranking;
  }

  /** The largest top any holder wants: the one the store asks for, which serves every smaller one. */
  get top() {
    return Math.max(0, ...this.#tops.keys());
  }

  /** @param {string} id */
  holds(id) {
    return this.#refs.has(id);
  }

  /** @param {string} id */
  hold(id) {
    const refs = this.#refs.get(id) ?? 0;
    this.#refs.set(id, refs + 1);
    if (!refs) {
      this.upstream.added(id);
      this.#queue();
    }
  }

  /** @param {string} id */
  release(id) {
    const refs = this.#refs.get(id);
    if (!refs) return;
    if (refs > 1) return void this.#refs.set(id, refs - 1);
    this.#refs.delete(id);
    this.upstream.removed(id);
    this.#queue();
  }

  /**
   * A snapshot request wants this coin: it stays wanted for a while after the last such request.
   * @param {string} id
   * @param {number} now monotonic
   */
  asked(id, now) {
    if (!this.#asked.has(id)) this.hold(id);
    this.#asked.set(id, now);
  }

  /** @param {number} n */
  holdTop(n) {
    const refs = this.#tops.get(n) ?? 0;
    this.#tops.set(n, refs + 1);
    if (!refs) this.#queue();
  }

  /** @param {number} n */
  releaseTop(n) {
    const refs = this.#tops.get(n);
    if (!refs) return;
    if (refs > 1) return void this.#tops.set(n, refs - 1);
    this.#tops.delete(n);
    this.#queue();
  }

  /**
   * A snapshot request wants the top `n`: it stays wanted for a while after the last such request.
   * @param {number} n
   * @param {number} now monotonic
   */
  askedTop(n, now) {
    if (!this.#askedTops.has(n)) this.holdTop(n);
    this.#askedTops.set(n, now);
  }

  /** @param {number} now monotonic */
  sweep(now) {
    for (const [id, at] of this.#asked) {
      if (now - at < HTTP_TTL) continue;
      this.#asked.delete(id);
      this.release(id);
    }
    for (const [n, at] of this.#askedTops) {
      if (now - at < HTTP_TTL) continue;
      this.#askedTops.delete(n);
      this.releaseTop(n);
    }
  }

  /** Clients subscribing in one task change the store's coins once, after it. */
  #queue() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#sync();
    });
  }

  #sync() {
    if (this.#closed) return;
    const ids = [...this.#refs.keys()];
    const { top } = this;
    const same = ids.length === this.#subscribed.size && ids.every((id) => this.#subscribed.has(id));
    if (same && top === this.#subscribedTop) return;
    this.#subscribed = new Set(ids);
    this.#subscribedTop = top;
    const old = this.#subscription;
    const wanted = ids.length || top;
    // The new subscription first: the store stays open (and its quotes with it) while the old one leaves.
    this.#subscription = wanted ? subscribe(this.upstream.request(this.currency, ids, top), this.#listener) : undefined;
    old?.unsubscribe();
  }

  /** @param {ReadonlySet<string> | null} changed */
  #listener = (changed) => {
    this.notifications++;
    this.seq++;
    if (!changed) this.statusSeq = this.seq;
    else for (const id of changed) this.changedAt.set(id, this.seq);
    // The store replaces its ranking when it changes: comparing the lists is needed only then.
    const ranking = this.store?.top ?? NONE;
    if (ranking !== this.#ranking) {
      if (String(ranking) !== String(this.#ranking)) this.topSeq = this.seq;
      this.#ranking = ranking;
    }
    for (const wake of this.#waiters) wake();
  };

  /** @type {Set<() => void>} */
  #waiters = new Set();

  /**
   * Resolves once upstream has said something of every one of these coins (a price, unknown, unusable), or after
   * `ms`: a snapshot asking for a coin the relay has just taken on waits for the relay's one shared request rather
   * than answer without it, which a client would read as an unknown coin.
   * @param {readonly string[]} ids
   * @param {number} ms
   */
  heardOf(ids, ms) {
    return this.#until(() => ids.every((id) => this.changedAt.has(id)), ms);
  }

  /**
   * Resolves once the ranking holds `n` coins or has changed (upstream's answer to a larger top may hold fewer: it
   * lists no more), or after `ms`: a snapshot asking for a larger top than any before waits for the relay's one
   * shared request, as one asking for a new coin does.
   * @param {number} n
   * @param {number} ms
   */
  rankedFor(n, ms) {
    const seq = this.topSeq;
    return this.#until(() => this.ranking.length >= n || this.topSeq > seq, ms);
  }

  /**
   * @param {() => boolean} check
   * @param {number} ms
   */
  #until(check, ms) {
    const { clock } = this.upstream.options;
    return new Promise((resolve) => {
      const done = () => {
        if (!check()) return;
        this.#waiters.delete(done);
        clock.clearTimeout(timer);
        resolve(undefined);
      };
      const timer = clock.setTimeout(() => {
        this.#waiters.delete(done);
        resolve(undefined);
      }, ms);
      this.#waiters.add(done);
      done();
    });
  }

  close() {
    this.#closed = true;
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }
}

/**
 * @typedef {object} UpstreamOptions
 * @property {string} feed
 * @property {string | undefined} endpoint The feed's own endpoint (composite feeds find theirs in `configure`).
 * @property {string | undefined} apiKey
 * @property {number} interval seconds
 * @property {string[]} currencies
 * @property {string[] | undefined} coins The allowlist, kept warm in every currency.
 * @property {number} maxCoins
 * @property {Clock} clock
 */

/** Every channel, and which coins the relay serves at all. */
export class Upstream {
  /** @type {Map<string, Channel>} */
  channels = new Map();
  /** @type {Map<string, number>} channels holding each coin: its size is the number of distinct coins served */
  #served = new Map();

  /** @param {UpstreamOptions} options */
  constructor(options) {
    this.options = options;
    this.allowlist = options.coins && new Set(options.coins);
    for (const currency of options.currencies) this.channels.set(currency, new Channel(currency, this));
    for (const channel of this.channels.values()) for (const id of options.coins ?? []) channel.hold(id);
  }

  /**
   * What the store is asked for. Always 7-day history: CoinGecko sends it in the same answer, and a card on any page
   * can then have it without a request of its own.
   * @param {string} currency
   * @param {string[]} ids
   * @param {number} top
   */
  request(currency, ids, top) {
    const { feed, endpoint, apiKey, interval } = this.options;
    return { ids, feed, currency, endpoint, apiKey, interval, sparkline: true, top };
  }

  /**
   * Why this relay answers no `top`, if it does not: an allowlist names every coin the operator will serve (and pay
   * upstream for), and a ranking would bring others and a request of its own; some feeds do not rank at all.
   * @returns {string | undefined}
   */
  topRefused() {
    if (this.allowlist) return 'This relay serves only the coins on its allowlist (--coins): no top lists.';
    const { feed } = this.options;
    if (!RANKING_FEEDS.includes(feed)) return `This relay's feed, ${feed}, does not rank coins: no top lists.`;
  }

  /**
   * Whether the relay may serve this coin: on the allowlist, or already served, or within the cap.
   * @param {string} id
   */
  mayServe(id) {
    if (this.allowlist) return this.allowlist.has(id);
    return this.#served.has(id) || this.#served.size < this.options.maxCoins;
  }

  /** @param {string} id */
  added(id) {
    this.#served.set(id, (this.#served.get(id) ?? 0) + 1);
  }

  /** @param {string} id */
  removed(id) {
    const n = this.#served.get(id) ?? 0;
    if (n > 1) this.#served.set(id, n - 1);
    else this.#served.delete(id);
  }

  get coinCount() {
    return this.#served.size;
  }

  close() {
    for (const channel of this.channels.values()) channel.close();
  }
}
