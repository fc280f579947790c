import type { FeedFactory } from './feed.js';
import { defaultActivity, type Activity } from './activity.js';
import { systemClock, type Clock } from './clock.js';
import type { SocketFactory } from './socket.js';

/** Page-wide defaults. Attributes on an element always win over these. */
export interface CoinTickerConfig {
  /** Base URL per feed name: a proxy, a paid plan's host, a relay, a test server. */
  endpoints: Record<string, string | undefined>;
  /** CoinGecko key, sent as a header, never in the URL. */
  apiKey?: string;
  /** The feed of elements without a `feed` attribute: `auto` unless set. */
  feed?: string;
  locale?: string;
  currency: string;
  /** The `fetch` feeds use: wrap it to add auth or logging. */
  fetch?: typeof fetch;
  /** The `WebSocket` feeds use: the browser's by default; pass `ws`'s in Node. */
  WebSocket?: SocketFactory;
  /** Time source for every timer: swap in a fake one in tests. */
  clock: Clock;
  /** Page visibility and connectivity; feeds pause while inactive. */
  activity: Activity;
  /** Where the last quotes are kept between page views; null turns the cache off. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/** What every copy of coin-ticker on a page shares. */
interface PageState {
  config: CoinTickerConfig;
  listeners: Set<() => void>;
  feeds: Map<string, FeedFactory>;
  /** Bumped by every `configure()`: stores made under older settings are not shared with new subscribers. */
  version: number;
}

/**
 * One for the page, however many copies of coin-ticker it loads (a theme's module and a plugin's classic script):
 * the elements belong to the copy that defined them first, and follow `configure()` and `registerFeed()` called
 * through any of them.
 */
const page: PageState = ((globalThis as { [key: symbol]: PageState | undefined })[Symbol.for('coin-ticker@0')] ??= {
  config: { endpoints: {}, currency: 'usd', clock: systemClock, activity: defaultActivity },
  listeners: new Set(),
  // Filled by the entry modules (`define`, the bundles, `coin-ticker/feeds/*.js`): an app pays only for the feeds it imports.
  feeds: new Map(),
  version: 0,
});

export const { config } = page;

export type ConfigureOptions = Partial<Omit<CoinTickerConfig, 'endpoints'>> & {
  endpoints?: Partial<Record<string, string>>;
};

/** How many times `configure()` has run on the page. */
export const configVersion = () => page.version;

/** Calls back after every `configure()`; returns the unsubscribe function. */
export function onConfigure(callback: () => void): () => void {
  page.listeners.add(callback);
  return () => page.listeners.delete(callback);
}

/**
 * Sets page-wide defaults; endpoints merge with earlier calls. Elements already on the page follow at once, so
 * a script that imports the bundle (which upgrades them) and then calls this points them at the right servers.
 */
export function configure(options: ConfigureOptions): void {
  Object.assign(config, options, { endpoints: { ...config.endpoints, ...options.endpoints } });
  changed();
}

function changed() {
  page.version++;
  for (const listener of page.listeners) listener();
}

/**
 * Makes `feed="name"` on any element use this factory; a registered name replaces a built-in one. Elements that were
 * waiting for the name pick it up at once.
 */
export function registerFeed(name: string, factory: FeedFactory): void {
  page.feeds.set(name.toLowerCase(), factory);
  changed();
}

/**
 * Registers a built-in feed unless the name is taken: a page's own feed of that name, or the same feed from another
 * copy of coin-ticker, stays.
 */
export function provideFeed(name: string, factory: FeedFactory): void {
  if (!page.feeds.has(name)) registerFeed(name, factory);
}

/** The factory registered under the name; own entries only, so `__proto__` names no feed. */
export function feedFactory(name: string): FeedFactory | undefined {
  return page.feeds.get(name);
}

/** The registered feed names, for messages that list them. */
export const feedNames = () => [...page.feeds.keys()];
