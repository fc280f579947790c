/** Polling faster than CoinGecko's cache refreshes only spends the page's rate limit. */
export const MIN_INTERVAL = 10;
export const DEFAULT_INTERVAL = 60;
/** Timers treat a delay past 2^31 ms as none at all, so a day is the ceiling. */
export const MAX_INTERVAL = 86_400;
