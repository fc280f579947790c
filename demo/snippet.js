// @ts-check
/**
 * The configurator's output as pure functions: form values in, the embed snippet out. No DOM, so the test suite
 * imports this file as it is (test/demo.test.ts).
 */

export const SCRIPT_SRC = 'https://cdn.jsdelivr.net/npm/coin-ticker/dist/coin-ticker.min.js';
export const SCRIPT_TAG = `<script type="module" src="${SCRIPT_SRC}"></script>`;
/** Fetches and compiles the bundle as soon as the page's head is read, wherever the script tag sits. */
export const MODULE_PRELOAD = `<link rel="modulepreload" href="${SCRIPT_SRC}">`;
/**
 * Opens the connection to CoinGecko (DNS, TCP, TLS) while the bundle loads, not after it asks for prices; the
 * elements' `fetch` sends no credentials, hence `crossorigin`. Only for the feeds that poll CoinGecko.
 */
export const PRECONNECT = '<link rel="preconnect" href="https://api.coingecko.com" crossorigin>';

/** @typedef {'coin-list' | 'coin-ticker' | 'coin-price' | 'coin-card' | 'coin-table'} Kind */

/**
 * What the form describes, already validated: see `parseCoinsInput` and `canonicalLocale`.
 * @typedef {object} WidgetOptions
 * @property {Kind} kind
 * @property {readonly string[]} coins CoinGecko ids in display order; single-coin elements use the first.
 * @property {string} [currency] lower-case code; `usd` is the default.
 * @property {string} [locale] BCP 47 tag; empty means the page's language, then the browser's.
 * @property {string} [feed] `auto` is the default.
 * @property {string} [endpoint] `relay` only: the relay's address; a placeholder to replace when absent.
 * @property {string} [theme] `auto`, `light` or `dark`; `auto` is the default.
 * @property {number} [speed] `<coin-ticker>` only: pixels per second, 40 by default.
 * @property {number} [decimals] fixed fraction digits; undefined means automatic.
 * @property {boolean} [noLogo] `<coin-list>` only.
 * @property {boolean} [noChange] `<coin-price>` only.
 * @property {readonly string[]} [columns] `<coin-table>` only: its value columns, in order; none or all of them
 *   mean all, the default.
 * @property {number} [top] multi-coin elements only: how many of the largest coins by market cap to add.
 * @property {readonly string[]} [currencies] `<coin-list>`, `<coin-card>`, `<coin-table>`: a reader's switch.
 * @property {string} [sort] `<coin-table>` only: a column, `-` first for descending; empty for the coins' order.
 */

/** The elements' own defaults: an attribute that repeats one is left out of the snippet. */
export const DEFAULTS = Object.freeze({ currency: 'usd', feed: 'auto', theme: 'auto', speed: 40 });

/** Where a site's own relay (`npx coin-ticker-relay`) would answer: the snippet's reader puts theirs. */
export const RELAY_PLACEHOLDER = 'https://relay.example.com';

/** Elements that show several coins (`coins`); the others show one (`coin`). */
export const MULTI_COIN = Object.freeze(['coin-list', 'coin-ticker', 'coin-table']);

/** `<coin-table>`'s value columns in its own order: all of them is what no `columns` attribute gives. */
export const TABLE_COLUMNS = Object.freeze(['price', 'change-24h', 'change-7d', 'market-cap', 'volume', 'sparkline']);

/** What the elements and the relay accept as a coin id: the rule of src/core/coin-id.ts, which the demo cannot import. */
const COIN_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * Ticker symbols people type for well-known coins, with the id CoinGecko uses. Ids that equal their symbol
 * (`neo`, `ark`) are left out: they are right as typed.
 * @type {Readonly<Record<string, string>>}
 */
const SYMBOL_IDS = Object.freeze({
  btc: 'bitcoin',
  eth: 'ethereum',
  xmr: 'monero',
  doge: 'dogecoin',
  ltc: 'litecoin',
  ada: 'cardano',
  arrr: 'pirate-chain',
  sol: 'solana',
  xrp: 'ripple',
  bnb: 'binancecoin',
  usdt: 'tether',
  usdc: 'usd-coin',
  dot: 'polkadot',
  shib: 'shiba-inu',
  link: 'chainlink',
  trx: 'tron',
  avax: 'avalanche-2',
  xno: 'nano',
});

/**
 * Escapes text for a double-quoted attribute value.
 * @param {string} value
 */
export function escapeAttribute(value) {
  return value.replace(/[&"<>]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '"' ? '&quot;' : ch === '<' ? '&lt;' : '&gt;',
  );
}

/**
 * Splits a coins field the way the elements do: on commas and white space, lower-cased, repeats dropped.
 * @param {string} text
 * @returns {{ ids: string[], invalid: string[], symbols: Array<[symbol: string, id: string]> }} valid ids in order,
 *   the pieces that cannot be ids, and valid pieces that look like ticker symbols of well-known coins
 */
export function parseCoinsInput(text) {
  /** @type {Set<string>} */
  const ids = new Set();
  /** @type {Set<string>} */
  const invalid = new Set();
  for (const piece of text.toLowerCase().split(/[\s,]+/)) {
    if (!piece) continue;
    (COIN_ID.test(piece) ? ids : invalid).add(piece);
  }
  /** @type {Array<[string, string]>} */
  const symbols = [];
  for (const id of ids)
    if (Object.hasOwn(SYMBOL_IDS, id) && !ids.has(SYMBOL_IDS[id])) symbols.push([id, SYMBOL_IDS[id]]);
  return { ids: [...ids], invalid: [...invalid], symbols };
}

/**
 * A locale field as a canonical BCP 47 tag (`de_de` → `de-DE`); '' for an empty field, null for one that is not a
 * language tag.
 * @param {string} text
 * @returns {string | null}
 */
export function canonicalLocale(text) {
  const tag = text.trim().replace(/_/g, '-');
  if (!tag) return '';
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The element's attributes that differ from its defaults, in a fixed order, as `[name, value]`; `true` for a
 * boolean attribute.
 * @param {WidgetOptions} options
 * @returns {Array<[string, string | true]>}
 */
export function attributes(options) {
  const { kind } = options;
  const multi = MULTI_COIN.includes(kind);
  /** @type {Array<[string, string | true]>} */
  const attrs = [];
  /** @param {string} name @param {unknown} value @param {unknown} [fallback] */
  const add = (name, value, fallback) => {
    if (value !== undefined && value !== null && value !== '' && value !== fallback) attrs.push([name, String(value)]);
  };
  // A top list may name no coin; every other element names its coins.
  if (!multi) attrs.push(['coin', options.coins[0] ?? '']);
  else if (options.coins.length || !options.top) attrs.push(['coins', options.coins.join(',')]);
  if (multi && Number.isFinite(options.top)) add('top', options.top);
  add('currency', options.currency?.toLowerCase(), DEFAULTS.currency);
  if (kind !== 'coin-ticker' && kind !== 'coin-price') add('currencies', options.currencies?.join(','));
  add('locale', options.locale);
  add('feed', options.feed, DEFAULTS.feed);
  if (options.feed === 'relay') add('endpoint', options.endpoint || RELAY_PLACEHOLDER);
  if (Number.isFinite(options.decimals)) add('decimals', options.decimals);
  if (kind === 'coin-ticker' && Number.isFinite(options.speed)) add('speed', options.speed, DEFAULTS.speed);
  if (kind === 'coin-list' && options.noLogo) attrs.push(['no-logo', true]);
  if (kind === 'coin-price' && options.noChange) attrs.push(['no-change', true]);
  if (kind === 'coin-table') {
    add('columns', options.columns?.join(','), TABLE_COLUMNS.join(','));
    add('sort', options.sort);
  }
  add('theme', options.theme, DEFAULTS.theme);
  return attrs;
}

/**
 * The element alone, as HTML.
 * @param {WidgetOptions} options
 */
export function elementMarkup(options) {
  const attrs = attributes(options)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`))
    .join('');
  return `<${options.kind}${attrs}></${options.kind}>`;
}

/**
 * What a site author pastes: the connection hints (best in the page's head), the script tag, then the element.
 * @param {WidgetOptions} options
 */
export function snippet(options) {
  const polls = [undefined, 'auto', 'coingecko'].includes(options.feed);
  return [MODULE_PRELOAD, ...(polls ? [PRECONNECT] : []), SCRIPT_TAG, elementMarkup(options)].join('\n');
}
