/**
 * What a coin id may be: CoinGecko's ids are lower-case letters, digits and dashes, never starting with a dash
 * (`bitcoin`, `pirate-chain`), at most 100 characters. One rule for the elements, which warn about anything else, and
 * the relay, which refuses it before any upstream request. The length cap keeps a hostile id from growing a URL or a
 * log line.
 */
export const COIN_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

export const isCoinId = (value: unknown): value is string => typeof value === 'string' && COIN_ID.test(value);
