// @ts-check
/** The relay's flags: parsed, checked, and documented by `--help` from the same table. */
import { parseArgs } from 'node:util';
import { isCoinId } from '../../dist/npm/core/coin-id.js';

const COINGECKO = 'https://api.coingecko.com/api/v3';
const KRAKEN = 'wss://ws.kraken.com/v2';
const COINBASE = 'wss://ws-feed.exchange.coinbase.com';
const BINANCE = 'wss://data-stream.binance.vision';

export const FEEDS = Object.freeze(['auto', 'coingecko', 'kraken', 'coinbase', 'binance']);
const CURRENCY = /^[a-z]{3,5}$/;

/**
 * @typedef {object} RelayOptions
 * @property {number} port 0 lets the OS pick (tests).
 * @property {string} [host] Undefined: every interface.
 * @property {string} feed The upstream feed every store runs: `auto`, `coingecko`, `kraken`, `coinbase`, `binance`.
 * @property {{ coingecko: string, kraken: string, coinbase: string, binance: string }} endpoints Upstream servers.
 * @property {number} interval CoinGecko polling period in seconds, at least 10.
 * @property {string[] | undefined} coins The allowlist: only these ids are served, and they are always kept warm.
 * @property {number} maxCoins Without an allowlist, at most this many distinct ids are served.
 * @property {string[]} currencies
 * @property {string[] | undefined} origins Page origins allowed (CORS, socket `Origin`); undefined: any.
 * @property {boolean} trustProxy The client address is the last one `X-Forwarded-For` names (the load balancer's view).
 * @property {number} maxConnections Sockets per client address.
 * @property {string} [apiKey] From `COINGECKO_API_KEY` only.
 */

/** Each flag: its parseArgs type, its default (as text), the name of its value and one line of help. */
const FLAGS = /** @type {const} */ ({
  port: ['string', '8787', 'port', 'port to listen on'],
  host: ['string', '', 'address', 'address to listen on (default: every interface)'],
  feed: ['string', 'auto', 'name', `upstream feed: ${FEEDS.join(', ')}`],
  coingecko: ['string', COINGECKO, 'url', 'CoinGecko API base; a paid plan: https://pro-api.coingecko.com/api/v3'],
  kraken: ['string', KRAKEN, 'url', 'Kraken WebSocket v2 URL'],
  coinbase: ['string', COINBASE, 'url', 'Coinbase Exchange WebSocket URL'],
  binance: ['string', BINANCE, 'url', 'Binance market data stream host'],
  interval: ['string', '60', 'seconds', 'between CoinGecko polls, at least 10'],
  coins: ['string', '', 'ids', 'allowlist of coin ids, comma separated, kept warm; no top lists (default: any id)'],
  'max-coins': ['string', '250', 'n', 'without --coins, at most this many distinct ids are named (top lists aside)'],
  currencies: ['string', 'usd,eur', 'codes', 'quote currencies served, comma separated'],
  origins: ['string', '', 'origins', 'page origins allowed for CORS and sockets, comma separated (default: any)'],
  'trust-proxy': ['boolean', '', '', 'take the client address from X-Forwarded-For (behind a load balancer)'],
  'max-connections': ['string', '20', 'n', 'sockets per client address'],
  help: ['boolean', '', '', 'show this help'],
});

export const HELP = `Usage: coin-ticker-relay [options]

Runs coin-ticker's store and feeds once, upstream, and serves every visitor from them:
  GET /api/v3/coins/markets?vs_currency=usd&ids=bitcoin,…  CoinGecko-compatible snapshot (feed="coingecko")
  GET /api/v3/coins/markets?vs_currency=usd&per_page=10   the top 10 by market cap, in order (no ids)
  GET /stream                                             WebSocket fan-out (feed="relay")
  GET /healthz                                            upstream status as JSON
  GET /metrics                                            Prometheus text

Options:
${Object.entries(FLAGS)
  .map(([name, [, fallback, value, help]]) => {
    const flag = `  --${name}${value ? ` <${value}>` : ''}`;
    return `${flag.padEnd(30)}${help}${fallback && !help.includes('default') ? `\n${''.padEnd(30)}default: ${fallback}` : ''}`;
  })
  .join('\n')}

Top lists (top="N" on a page, N up to 250): the largest top wanted in a currency, over every socket and
recent snapshot, costs one CoinGecko request per interval beside the named coins', however many pages want
how many; its coins do not count against --max-coins (with --feed auto the exchange ticks those it lists).
With --coins, or a feed that does not rank coins (kraken, coinbase, binance), top lists are refused: an
allowlist names every coin the relay serves.

Environment:
  COINGECKO_API_KEY           CoinGecko key, sent upstream as a header; never taken from a flag or a
                              file, never shown in any answer, log line or metric

SIGTERM (and SIGINT) stop accepting, close every socket with 1001 and exit within 5 s.
`;

/** @param {string} text */
const list = (text) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * @param {string} name
 * @param {string} text
 * @param {number} min
 * @param {number} max
 */
function integer(name, text, min, max) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  return value;
}

/**
 * @param {string} name
 * @param {string} text
 * @param {RegExp} scheme
 */
function url(name, text, scheme) {
  let parsed;
  try {
    parsed = new URL(text);
  } catch {
    throw new Error(`--${name} must be a URL, not "${text}"`);
  }
  if (!scheme.test(parsed.protocol)) throw new Error(`--${name} must be a ${scheme.source.slice(1, -1)} URL`);
  return text.replace(/\/+$/, '');
}

/**
 * The options from command-line arguments and the environment; throws an Error whose message is for the person who
 * typed them. `{ help: true }` when --help was asked for.
 * @param {string[]} args
 * @param {Record<string, string | undefined>} env
 * @returns {RelayOptions | { help: true }}
 */
export function parseOptions(args, env) {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: Object.fromEntries(
      Object.entries(FLAGS).map(([name, [type, fallback]]) => [
        name,
        type === 'boolean' ? { type, ...(name === 'help' ? { short: 'h' } : {}) } : { type, default: fallback },
      ]),
    ),
  });
  const v = /** @type {Record<string, string>} */ (values);
  if (values.help) return { help: true };
  const feed = v.feed.toLowerCase();
  if (!FEEDS.includes(feed)) throw new Error(`--feed must be one of ${FEEDS.join(', ')}, not "${v.feed}"`);
  const coins = v.coins ? list(v.coins.toLowerCase()) : undefined;
  for (const id of coins ?? []) if (!isCoinId(id)) throw new Error(`--coins: "${id}" is not a coin id`);
  const currencies = list(v.currencies.toLowerCase());
  if (!currencies.length) throw new Error('--currencies names no currency');
  for (const c of currencies) if (!CURRENCY.test(c)) throw new Error(`--currencies: "${c}" is not a currency code`);
  const origins = v.origins ? list(v.origins).map((o) => new URL(url('origins', o, /^https?:$/)).origin) : undefined;
  return {
    port: integer('port', v.port, 0, 65535),
    host: v.host || undefined,
    feed,
    endpoints: {
      coingecko: url('coingecko', v.coingecko, /^https?:$/),
      kraken: url('kraken', v.kraken, /^wss?:$/),
      coinbase: url('coinbase', v.coinbase, /^wss?:$/),
      binance: url('binance', v.binance, /^wss?:$/),
    },
    // CoinGecko's cache refreshes about once a minute: polling faster than every 10 s only spends the plan's limit.
    interval: integer('interval', v.interval, 10, 86_400),
    coins: coins && [...new Set(coins)],
    maxCoins: integer('max-coins', v['max-coins'], 1, 10_000),
    currencies: [...new Set(currencies)],
    origins,
    trustProxy: !!values['trust-proxy'],
    maxConnections: integer('max-connections', v['max-connections'], 1, 100_000),
    apiKey: env.COINGECKO_API_KEY?.trim() || undefined,
  };
}
