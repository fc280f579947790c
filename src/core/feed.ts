import type { Clock } from './clock.js';
import type { SocketFactory } from './socket.js';
import type { FeedError } from './errors.js';
import type { FeedStatus, Quote } from './quote.js';

/** What a feed is given: its settings, its tools (injectable for tests and Node) and where to report. */
export interface FeedContext {
  /** Lower-case quote currency: `usd`. */
  currency: string;
  /** Base URL of the feed's server, or undefined for the feed's public default. */
  endpoint?: string;
  /** The page-wide endpoint per feed name (`configure({ endpoints })`): where a composite feed like `auto` finds its parts. */
  endpoints: Readonly<Record<string, string | undefined>>;
  apiKey?: string;
  /** Polling period in seconds for REST feeds, as wanted now by the store's subscribers (at least 10). */
  interval(): number;
  /** Whether any subscriber wants 7-day price history (`Quote.sparkline`); feeds without it ignore this. */
  sparkline?(): boolean;
  fetch: typeof fetch;
  /** The browser's `WebSocket`, or `ws` in Node. */
  WebSocket: SocketFactory;
  clock: Clock;
  /**
   * Fresh quotes, and the ids whose data in this answer was unusable or is no longer current (their last good quote
   * stays, marked stale), with why when that is not the feed's status: `auto`'s socket down while polling works.
   */
  onQuotes(quotes: Quote[], unusable?: readonly string[], reason?: FeedError): void;
  /** `live` is true while fresh prices tick in over a socket, rather than being polled. */
  onStatus(status: FeedStatus, error?: FeedError, live?: boolean): void;
  /** Ids the feed does not know, or (naming where) does not list: shown as such, never guessed. */
  onUnknown(ids: readonly string[], unlistedOn?: string): void;
  /** The largest coins by market cap, largest first, as many as `top` asked for: sent before their quotes. */
  onTop(ids: readonly string[]): void;
}

/** What a feed is asked for: the union of every subscriber's coins, and the largest `top` any of them wants. */
export interface Wants {
  ids: readonly string[];
  /** The top coins by market cap, if a subscriber wants them: their quotes and their order (`onTop`). */
  top?: number;
}

/** A source of quotes. Plain TypeScript: no DOM, runs in the browser and in Node. */
export interface Feed {
  /** What is wanted now; no ids and no `top` stops all traffic. */
  want(wants: Wants): void;
  /** Whether the feed answers `top`: the store warns for any other feed asked for it. */
  readonly ranks?: boolean;
  /** False while the page is hidden or offline: stop polling, and catch up at once when it comes back. */
  setActive(active: boolean): void;
  /** Stop every timer, request and socket. Safe to call twice. */
  close(): void;
}

export type FeedFactory = (context: FeedContext) => Feed;
