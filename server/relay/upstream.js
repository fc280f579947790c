// @ts-check
/**
 * The relay's side of the package's own store: one store per currency, asked for the union of every coin any client
 * (socket or snapshot) wants, so 5,000 visitors watching Bitcoin cost one exchange subscription and one CoinGecko
 * request per interval. Clients never talk to a store: they read its state at their own pace (see `Channel.seq`).
 */
import { subscribe } from '../../dist/npm/core/store.js';

/** @typedef {import('../../dist/npm/core/store.js').QuoteStore} QuoteStore */
/** @typedef {import('../../dist/npm/core/store.js').Subscription} Subscription */
/** @typedef {import('../../dist/npm/core/clock.js').Clock} Clock */

/** A coin asked for only by snapshot requests stays wanted this long after the last one. */
const HTTP_TTL = 10 * 60_000;

/**
 * One currency's store and what changed in it, as sequence numbers: a client remembers the `seq` it last saw and
 * asks for what changed since, so a change costs one counter bump however many clients there are.
 */
export class Channel {
  /** Bumped by every notification from the store. */
  seq = 0;
  /** When the feed-level status last changed. */
  statusSeq = 0;
  /** @type {Map<string, number>} when each coin last changed */
  changedAt = new Map();
  /** Upstream notifications received: the metric of upstream message rates. */
  notifications = 0;
  /** @type {Map<string, number>} holders per coin: socket subscriptions, plus one while snapshot requests want it */
  #refs = new Map();
  /** @type {Map<string, number>} coins snapshot requests asked for, with when they last did (monotonic) */
  #asked = new Map();
  /** @type {Subscription | undefined} */
  #subscription;
  /** @type {Set<string>} what the store was last asked for */
  #subscribed = new Set();
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

  /** @param {number} now monotonic */
  sweep(now) {
    for (const [id, at] of this.#asked) {
      if (now - at < HTTP_TTL) continue;
      this.#asked.delete(id);
      this.release(id);
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
    if (ids.length === this.#subscribed.size && ids.every((id) => this.#subscribed.has(id))) return;
    this.#subscribed = new Set(ids);
    const old = this.#subscription;
    // The new subscription first: the store stays open (and its quotes with it) while the old one leaves.
    this.#subscription = ids.length ? subscribe(this.upstream.request(this.currency, ids), this.#listener) : undefined;
    old?.unsubscribe();
  }

  /** @param {ReadonlySet<string> | null} changed */
  #listener = (changed) => {
    this.notifications++;
    this.seq++;
    if (!changed) this.statusSeq = this.seq;
    else for (const id of changed) this.changedAt.set(id, this.seq);
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
    const { clock } = this.upstream.options;
    return new Promise((resolve) => {
      const done = () => {
        if (!ids.every((id) => this.changedAt.has(id))) return;
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
   */
  request(currency, ids) {
    const { feed, endpoint, apiKey, interval } = this.options;
    return { ids, feed, currency, endpoint, apiKey, interval, sparkline: true };
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
