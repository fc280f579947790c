// @ts-check
/**
 * The price model behind every simulated feed: one `Market` holds each coin's state, moves it with a seeded random
 * walk on `tick()`, and answers quotes in any supported currency. Feeds (CoinGecko today, exchange sockets next) only
 * translate these quotes into their wire formats, so every feed shows the same market.
 */
import { COINS, CRYPTO_QUOTES, FIAT_RATES } from './coins.js';

/** @typedef {import('./coins.js').CoinSpec} CoinSpec */

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Points in the 7-day hourly history, as CoinGecko's `sparkline_in_7d` has them; the last one is the current price. */
export const HISTORY_HOURS = 168;
const NOW_INDEX = HISTORY_HOURS - 1;
const OPEN_INDEX = NOW_INDEX - 24;

/**
 * The walk reverts to each coin's level with a 6 h half-life: a demo left running for days stays near the prices it
 * started from, and 24 h changes stay within a few percent (about ±1.5 % for bitcoin, ±3.5 % for meme coins).
 */
const THETA = Math.LN2 / 0.25; // per day
/** Share of each coin's move that is the whole market's: coins rise and fall together, as they do. */
const MARKET_BETA = 0.6;

/** `price_change_percentage` periods CoinGecko accepts. The history covers up to 7 d; longer ones use fixed reference prices. */
export const CHANGE_PERIODS = Object.freeze(['1h', '24h', '7d', '14d', '30d', '200d', '1y']);
/** @type {Readonly<Record<string, number>>} */
const LONG_PERIOD_DAYS = Object.freeze({ '14d': 14, '30d': 30, '200d': 200, '1y': 365 });

/** Every `vs_currency` the market quotes. */
export const CURRENCIES = Object.freeze([...Object.keys(FIAT_RATES), ...Object.keys(CRYPTO_QUOTES)]);

/**
 * A quote in one currency, with everything CoinGecko's `/coins/markets` reports.
 * @typedef {object} MarketQuote
 * @property {string} id
 * @property {string} symbol Upper-case.
 * @property {string} name
 * @property {string} currency Lower-case.
 * @property {number} price
 * @property {number} open24h Price 24 h ago.
 * @property {number} high24h
 * @property {number} low24h
 * @property {number} change24h price − open24h.
 * @property {number} changePct24h (price − open24h) / open24h × 100.
 * @property {number} volume24h
 * @property {number} marketCap
 * @property {number} marketCapChange24h
 * @property {number} marketCapChangePct24h
 * @property {number | null} fullyDilutedValuation
 * @property {number} circulatingSupply
 * @property {number | null} totalSupply
 * @property {number | null} maxSupply
 * @property {number} rank Market-cap rank among the simulated coins, 1 first.
 * @property {number} ath
 * @property {string} athDate
 * @property {number} atl
 * @property {string} atlDate
 * @property {number} updatedAt ms since the epoch.
 * @property {number[]} sparkline 168 hourly prices, oldest first, the last one current.
 * @property {Record<string, number>} changes Percent change over each of `CHANGE_PERIODS`.
 */

/**
 * @typedef {object} CoinState
 * @property {CoinSpec} spec
 * @property {number} beta
 * @property {number} anchor Level the walk reverts to.
 * @property {number} x log(price / anchor).
 * @property {number} price USD.
 * @property {number[]} hourly USD, `HISTORY_HOURS` long.
 * @property {number} high USD, over the last 24 h.
 * @property {number} low
 * @property {number} logVolume Deviation of the 24 h volume from the spec's.
 * @property {number} ath
 * @property {string} athDate
 * @property {number} atl
 * @property {string} atlDate
 * @property {Record<string, number>} refs USD prices 14 d, 30 d, 200 d and 1 y ago.
 * @property {number} updatedAt
 */

/**
 * Small, fast, seedable PRNG (mulberry32): the same seed gives the same market, so tests can pin prices.
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @typedef {object} MarketOptions
 * @property {readonly CoinSpec[]} [coins] Defaults to the demo's coin table.
 * @property {number} [seed] PRNG seed; random when absent.
 * @property {() => number} [now] Clock in ms; `Date.now` when absent.
 * @property {number} [stepMs] Market time one `tick()` represents (sets the size of each step); default 2000.
 */

/**
 * Dispatched after every price change: by `tick()` for every coin, by `move()` for one. Feeds that push (the exchange
 * sockets) send updates for exactly the coins in `ids`.
 */
export class TickEvent extends Event {
  /** @param {readonly string[]} ids */
  constructor(ids) {
    super('tick');
    this.ids = ids;
  }
}

/**
 * The simulated market. Dispatches a `TickEvent` after every `tick()` and `move()`, for feeds that push (sockets).
 */
export class Market extends EventTarget {
  /** @type {Map<string, CoinState>} */
  #coins = new Map();
  /** @type {() => number} */
  #random;
  /** @type {number | null} */
  #spare = null;
  /** @type {() => number} */
  #now;
  #hour;
  #stepDays;
  #ticks = 0;
  /** @type {readonly string[]} */
  #ids = [];

  /** @param {MarketOptions} [options] */
  constructor({ coins = COINS, seed, now = Date.now, stepMs = 2000 } = {}) {
    super();
    /** The seed in use, for reproducing a run. */
    this.seed = seed ?? Math.floor(Math.random() * 2 ** 32);
    this.stepMs = stepMs;
    this.#random = mulberry32(this.seed);
    this.#now = now;
    this.#stepDays = stepMs / DAY;
    const t = now();
    this.#hour = Math.floor(t / HOUR);
    this.#seedHistory(coins, t);
    this.#ids = Object.freeze([...this.#coins.keys()]);
  }

  /** Coin ids, in the coin table's order. */
  get ids() {
    return [...this.#coins.keys()];
  }

  /** The coin table entries (id, symbol, name…). */
  get specs() {
    return [...this.#coins.values()].map((c) => c.spec);
  }

  /** How many times `tick()` has run. */
  get ticks() {
    return this.#ticks;
  }

  /** @param {string} id */
  has(id) {
    return this.#coins.has(id);
  }

  /** @param {string} currency lower-case */
  supports(currency) {
    return CURRENCIES.includes(currency);
  }

  /** The market's clock, ms: what exchange messages are stamped with. */
  now() {
    return this.#now();
  }

  /** Advances every coin one step of `stepMs`, and rolls the hourly history when the clock has crossed an hour. */
  tick() {
    const t = this.#now();
    this.#roll(t);
    const common = this.#gauss();
    for (const c of this.#coins.values()) {
      this.#step(c, c.beta * common + Math.sqrt(1 - c.beta * c.beta) * this.#gauss(), this.#stepDays, t);
    }
    this.#ticks++;
    this.dispatchEvent(new TickEvent(this.#ids));
  }

  /**
   * Moves one coin alone by a step of `stepMs` (a trade on some exchange, between the market-wide ticks).
   * @param {string} id
   * @param {number} [stepMs]
   */
  move(id, stepMs = this.stepMs) {
    const c = this.#coins.get(id);
    if (!c) throw new RangeError(`unknown coin ${id}`);
    const t = this.#now();
    this.#roll(t);
    this.#step(c, this.#gauss(), stepMs / DAY, t);
    this.dispatchEvent(new TickEvent([id]));
  }

  /**
   * One step of the mean-reverting walk for one coin, with its 24 h range, volume and records kept up to date.
   * @param {CoinState} c
   * @param {number} z standard normal shock
   * @param {number} days length of the step
   * @param {number} t
   */
  #step(c, z, days, t) {
    c.x = c.x * Math.exp(-THETA * days) + stepSigma(c.spec.vol, days) * z;
    c.price = c.anchor * Math.exp(c.x);
    c.hourly[NOW_INDEX] = c.price;
    if (c.price > c.high) c.high = c.price;
    if (c.price < c.low) c.low = c.price;
    c.logVolume = c.logVolume * 0.999 + 0.003 * this.#gauss();
    if (c.price > c.ath) {
      c.ath = c.price;
      c.athDate = new Date(t).toISOString();
    }
    if (c.price < c.atl) {
      c.atl = c.price;
      c.atlDate = new Date(t).toISOString();
    }
    c.updatedAt = t;
  }

  /**
   * One coin's quote in a currency, or undefined for an unknown coin or currency.
   * @param {string} id
   * @param {string} [currency]
   * @returns {MarketQuote | undefined}
   */
  quote(id, currency = 'usd') {
    const c = this.#coins.get(id);
    const fx = this.#denominator(currency);
    if (!c || !fx) return undefined;
    return this.#quote(c, fx, currency, this.#ranks().get(id) ?? 0);
  }

  /**
   * Quotes for the given coins (all when absent), unknown ids skipped, in market-cap order (largest first).
   * @param {string} [currency]
   * @param {Iterable<string>} [ids]
   * @returns {MarketQuote[]}
   */
  quotes(currency = 'usd', ids) {
    const fx = this.#denominator(currency);
    if (!fx) return [];
    const ranks = this.#ranks();
    const wanted = ids ? new Set(ids) : null;
    return [...this.#coins.values()]
      .filter((c) => !wanted || wanted.has(c.spec.id))
      .sort((a, b) => (ranks.get(a.spec.id) ?? 0) - (ranks.get(b.spec.id) ?? 0))
      .map((c) => this.#quote(c, fx, currency, ranks.get(c.spec.id) ?? 0));
  }

  /**
   * @param {readonly CoinSpec[]} coins
   * @param {number} t
   */
  #seedHistory(coins, t) {
    const hourDays = 1 / 24;
    const decay = Math.exp(-THETA * hourDays);
    /** @type {{ spec: CoinSpec, beta: number, d: number[] }[]} */
    const paths = coins.map((spec) => ({
      spec,
      // Stablecoins hold their peg whatever the market does.
      beta: spec.vol < 0.005 ? 0 : MARKET_BETA,
      d: [(this.#gauss() * spec.vol) / Math.sqrt(2 * THETA)],
    }));
    for (let i = 1; i < HISTORY_HOURS; i++) {
      const common = this.#gauss();
      for (const p of paths) {
        const z = p.beta * common + Math.sqrt(1 - p.beta * p.beta) * this.#gauss();
        p.d.push(p.d[i - 1] * decay + stepSigma(p.spec.vol, hourDays) * z);
      }
    }
    for (const { spec, beta, d } of paths) {
      // Shift the path so it ends exactly at the table's starting price.
      const x = d[NOW_INDEX];
      const anchor = spec.price * Math.exp(-x);
      const hourly = d.map((di) => anchor * Math.exp(di));
      hourly[NOW_INDEX] = spec.price;
      const window = hourly.slice(OPEN_INDEX);
      // Hourly points miss the extremes between them: widen the first 24 h range a little.
      const wick = stepSigma(spec.vol, hourDays) / 2;
      /** @type {Record<string, number>} */
      const refs = {};
      for (const [period, days] of Object.entries(LONG_PERIOD_DAYS)) {
        refs[period] = spec.price * Math.exp(-0.8 * spec.vol * Math.sqrt(days) * this.#gauss());
      }
      this.#coins.set(spec.id, {
        spec,
        beta,
        anchor,
        x,
        price: spec.price,
        hourly,
        high: Math.max(...window) * Math.exp(Math.abs(this.#gauss()) * wick),
        low: Math.min(...window) * Math.exp(-Math.abs(this.#gauss()) * wick),
        logVolume: 0.05 * this.#gauss(),
        ath: Math.max(spec.ath, ...hourly),
        athDate: spec.ath >= Math.max(...hourly) ? spec.athDate : new Date(t).toISOString(),
        atl: Math.min(spec.atl, ...hourly),
        atlDate: spec.atl <= Math.min(...hourly) ? spec.atlDate : new Date(t).toISOString(),
        refs,
        updatedAt: t,
      });
    }
  }

  /** @param {number} t */
  #roll(t) {
    const hour = Math.floor(t / HOUR);
    if (hour <= this.#hour) return;
    const hours = Math.min(hour - this.#hour, HISTORY_HOURS);
    this.#hour = hour;
    for (const c of this.#coins.values()) {
      for (let i = 0; i < hours; i++) {
        c.hourly.shift();
        c.hourly.push(c.price);
      }
      const window = c.hourly.slice(OPEN_INDEX);
      c.high = Math.max(...window);
      c.low = Math.min(...window);
    }
  }

  /** @returns {Map<string, number>} id → market-cap rank (by USD market cap). */
  #ranks() {
    const sorted = [...this.#coins.values()].sort(
      (a, b) => b.price * b.spec.circulating - a.price * a.spec.circulating,
    );
    return new Map(sorted.map((c, i) => [c.spec.id, i + 1]));
  }

  /**
   * How to turn USD into `currency`: a constant for fiat, the base coin's own price path for btc/eth.
   * @param {string} currency
   * @returns {Denominator | undefined}
   */
  #denominator(currency) {
    if (Object.hasOwn(FIAT_RATES, currency)) {
      const rate = FIAT_RATES[currency];
      return { fiat: true, now: rate, at: () => rate, ref: () => rate };
    }
    const base = Object.hasOwn(CRYPTO_QUOTES, currency) ? this.#coins.get(CRYPTO_QUOTES[currency]) : undefined;
    if (!base) return undefined;
    return {
      fiat: false,
      now: 1 / base.price,
      at: (i) => 1 / base.hourly[i],
      ref: (period) => 1 / base.refs[period],
    };
  }

  /**
   * @param {CoinState} c
   * @param {Denominator} fx
   * @param {string} currency
   * @param {number} rank
   * @returns {MarketQuote}
   */
  #quote(c, fx, currency, rank) {
    const { spec } = c;
    const sparkline = c.hourly.map((p, i) => p * fx.at(i));
    const price = sparkline[NOW_INDEX];
    const open24h = sparkline[OPEN_INDEX];
    let high24h = c.high * fx.now;
    let low24h = c.low * fx.now;
    if (!fx.fiat) {
      const window = sparkline.slice(OPEN_INDEX);
      high24h = Math.max(...window);
      low24h = Math.min(...window);
    }
    const marketCap = price * spec.circulating;
    const marketCapOpen = open24h * spec.circulating;
    const supplyForFdv = spec.max ?? spec.total;
    /** @type {Record<string, number>} */
    const changes = {
      '1h': pct(price, sparkline[NOW_INDEX - 1]),
      '24h': pct(price, open24h),
      '7d': pct(price, sparkline[0]),
    };
    for (const period of Object.keys(LONG_PERIOD_DAYS)) changes[period] = pct(price, c.refs[period] * fx.ref(period));
    return {
      id: spec.id,
      symbol: spec.symbol,
      name: spec.name,
      currency,
      price,
      open24h,
      high24h,
      low24h,
      change24h: price - open24h,
      changePct24h: pct(price, open24h),
      volume24h: spec.volume * Math.exp(c.logVolume) * fx.now,
      marketCap,
      marketCapChange24h: marketCap - marketCapOpen,
      marketCapChangePct24h: pct(marketCap, marketCapOpen),
      fullyDilutedValuation: supplyForFdv === null ? null : price * supplyForFdv,
      circulatingSupply: spec.circulating,
      totalSupply: spec.total,
      maxSupply: spec.max,
      rank,
      ath: c.ath * fx.now,
      athDate: c.athDate,
      atl: c.atl * fx.now,
      atlDate: c.atlDate,
      updatedAt: c.updatedAt,
      sparkline,
      changes,
    };
  }

  /** Standard normal deviate (Box–Muller, second value kept for the next call). */
  #gauss() {
    if (this.#spare !== null) {
      const s = this.#spare;
      this.#spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.#random();
    const v = this.#random();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

/**
 * @typedef {object} Denominator
 * @property {boolean} fiat
 * @property {number} now Multiplier from USD now.
 * @property {(index: number) => number} at Multiplier at an hourly history index.
 * @property {(period: string) => number} ref Multiplier at a long-period reference time.
 */

/**
 * Standard deviation of one Ornstein–Uhlenbeck step of `days` for a daily volatility `vol`.
 * @param {number} vol
 * @param {number} days
 */
function stepSigma(vol, days) {
  return vol * Math.sqrt((1 - Math.exp(-2 * THETA * days)) / (2 * THETA));
}

/**
 * @param {number} value
 * @param {number} from
 */
function pct(value, from) {
  return ((value - from) / from) * 100;
}
