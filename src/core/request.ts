import { isCoinId } from './coin-id.js';
import { chosenCurrency, config } from './config.js';
import { DEFAULT_INTERVAL, MAX_INTERVAL, MIN_INTERVAL } from './interval.js';
import type { QuoteRequest } from './store.js';
import { warnOnce } from './warn.js';

/** CoinGecko's `per_page` maximum: the most one request can rank. */
const MAX_TOP = 250;

/** Splits a `coins` attribute on commas and spaces, keeping the author's order and dropping repeats. */
export function parseCoins(value: string | null | undefined): string[] {
  const ids = new Set<string>();
  for (const id of (value ?? '').toLowerCase().split(/[\s,]+/)) {
    if (isCoinId(id)) ids.add(id);
    else if (id) warnOnce(`coin "${id}" is not valid; ignoring it (coins are CoinGecko ids such as "bitcoin").`);
  }
  return [...ids];
}

/** The attributes every element shares, as read from the element. */
export interface SourceAttributes {
  feed?: string | null;
  currency?: string | null;
  endpoint?: string | null;
  apiKey?: string | null;
  interval?: number | null;
  /** How many of the largest coins to show after the named ones, on the elements that list coins. */
  top?: number | null;
  /** The currencies a reader may switch between, where the element offers a switch. */
  currencies?: string | null;
  /** An element's attributes, so a warning names what the page wrote ("abc", not NaN). */
  getAttribute?(name: string): string | null;
}

/** A numeric setting as the page wrote it: its attribute's text ("abc", not NaN) when that is where it came from. */
export function written(attrs: Pick<SourceAttributes, 'getAttribute'>, name: string, value: unknown) {
  const text = attrs.getAttribute?.(name);
  return text != null && Object.is(Number(text), value) ? text : value;
}

const CURRENCY = /^[a-z]{3,5}$/;

/** The currencies a `currencies` attribute offers, in its order; one that is no currency code is named and left out. */
export function parseCurrencies(value: string | null | undefined): string[] {
  const list = new Set<string>();
  for (const code of (value ?? '').toLowerCase().split(/[\s,]+/)) {
    if (CURRENCY.test(code)) list.add(code);
    else if (code) warnOnce(`currency "${code}" in currencies is not valid; leaving it out.`);
  }
  return [...list];
}

/** `value` when it matches, else the fallback with a warning naming the bad value. */
function checked(name: string, value: string | null | undefined, pattern: RegExp, fallback: string): string {
  value = value?.trim().toLowerCase();
  if (!value) return fallback;
  if (pattern.test(value)) return value;
  warnOnce(`${name} "${value}" is not valid; using "${fallback}".`);
  return fallback;
}

/** Resolves attributes against `configure()` defaults into what the store needs; a bad value warns and falls back. */
export function toRequest(ids: readonly string[], attrs: SourceAttributes): QuoteRequest {
  // A name that is no feed is not guessed at: the store says so, and the page fixes it.
  const feed = (attrs.feed?.trim() || config.feed || 'auto').toLowerCase();
  const asked = attrs.interval ?? DEFAULT_INTERVAL;
  // A non-numeric attribute reads as NaN: that means the default; a shorter period means the floor. Timers treat a
  // delay past 2^31 ms as none at all, so a day is the ceiling.
  const interval = Number.isFinite(asked) ? Math.min(Math.max(asked, MIN_INTERVAL), MAX_INTERVAL) : DEFAULT_INTERVAL;
  if (interval !== asked) {
    warnOnce(
      `interval "${written(attrs, 'interval', asked)}" is not valid (${MIN_INTERVAL} to ${MAX_INTERVAL} seconds); using "${interval}".`,
    );
  }
  const chosen = chosenCurrency();
  let top = attrs.top ?? 0;
  // CoinGecko ranks at most 250 in one request; anything but a whole number of coins is no number of coins.
  if (!(Number.isInteger(top) && top >= 0 && top <= MAX_TOP)) {
    const shown = top > MAX_TOP ? MAX_TOP : 0;
    warnOnce(
      `top "${written(attrs, 'top', top)}" is not valid (1 to ${MAX_TOP}); ${shown ? `using "${shown}"` : 'ignoring it'}.`,
    );
    top = shown;
  }
  return {
    ids,
    top,
    feed,
    // The reader's choice wins where the element offers it; the `currency` attribute is the default.
    currency: parseCurrencies(attrs.currencies).includes(chosen!)
      ? chosen!
      : checked('currency', attrs.currency || config.currency, CURRENCY, 'usd'),
    endpoint: attrs.endpoint?.trim() || config.endpoints[feed],
    apiKey: attrs.apiKey?.trim() || config.apiKey,
    interval,
  };
}
