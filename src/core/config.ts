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
  /** The page's own words for the elements, over any language's: a partial table merges with earlier ones. */
  messages?: Messages;
}

/** A table of the elements' words (see `messages/en.ts` for the keys); core only stores them. */
export type Messages = Record<string, unknown>;

/** What every copy of coin-ticker on a page shares. */
interface PageState {
  config: CoinTickerConfig;
  listeners: Set<() => void>;
  feeds: Map<string, FeedFactory>;
  /** Word tables by language (`de`, `zh`), registered by `coin-ticker/messages/*.js`. */
  messages: Map<string, Messages>;
  /** Bumped by every `configure()`: stores made under older settings are not shared with new subscribers. */
  version: number;
  /** The reader's currency from a switch, once read from storage (null: none chosen). */
  chosen?: string | null;
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
  messages: new Map(),
  version: 0,
});
// A copy of coin-ticker from before word tables made the page's state without them.
page.messages ??= new Map();

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
  Object.assign(config, options, {
    endpoints: { ...config.endpoints, ...options.endpoints },
    messages: { ...config.messages, ...options.messages },
  });
  changed();
}

/** New settings: stores made before are not shared with new subscribers, and every element follows. */
function changed() {
  page.version++;
  notify();
}

function notify() {
  for (const listener of page.listeners) listener();
}

/**
 * The configured storage (null turns it off), else `localStorage`. Only call it inside a `try`: sandboxed iframes and
 * some privacy modes throw on the mere access.
 */
export const storage = () => (config.storage === undefined ? localStorage : config.storage);

const CHOSEN = 'coin-ticker:currency';

/** The currency the reader chose with a switch, remembered across pages; it wins where an element offers it. */
export function chosenCurrency(): string | undefined {
  if (page.chosen === undefined) {
    try {
      page.chosen = storage()?.getItem(CHOSEN) ?? null;
    } catch {
      page.chosen = null;
    }
  }
  return page.chosen ?? undefined;
}

/** Sets the reader's currency for every element on the page that offers it, and for the reader's next pages. */
export function chooseCurrency(currency: string): void {
  page.chosen = currency;
  try {
    storage()?.setItem(CHOSEN, currency);
  } catch {
    // Forbidden storage only costs the next page the choice.
  }
  notify();
}

/**
 * Registers a language's words (`lang` as `de` or `zh`, the first part of a locale): elements whose locale is in
 * that language use them from their next render. New words change no store.
 */
export function registerMessages(lang: string, table: Messages): void {
  page.messages.set(lang.toLowerCase(), table);
  notify();
}

/** The registered table for a locale's language, with the language it is in; undefined when none is. */
export function messagesFor(locale: string): [Messages, string] | undefined {
  const lang = locale.split('-')[0].toLowerCase();
  const table = page.messages.get(lang);
  return table && [table, lang];
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
