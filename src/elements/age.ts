import { config } from '../core/config.js';
import type { FeedError } from '../core/errors.js';
import type { Messages } from '../messages/en.js';

const formats = new Map<string, Intl.RelativeTimeFormat>();

/** How long ago `time` was, in the words' language: "20 seconds ago", "3 minutes ago", "2 hours ago". */
function ago(time: number, lang: string) {
  let format = formats.get(lang);
  if (!format) formats.set(lang, (format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' })));
  // On the feeds' clock, which stamped the quote.
  // Never "now": said of prices that are not current, it would read as the opposite.
  const seconds = Math.min(-1, Math.round((time - config.clock.now()) / 1000));
  const minutes = Math.round(seconds / 60);
  return seconds > -60
    ? format.format(seconds, 'second')
    : minutes > -120
      ? format.format(minutes, 'minute')
      : format.format(Math.round(minutes / 60), 'hour');
}

/** "Last updated 3 minutes ago" for a price that is not current. */
export const updated = (time: number, t: Messages, lang: string) => t.updated(ago(time, lang));

/** Failures that are retried by themselves, unlike a request that can never succeed. */
const PASSING = ['rate-limit', 'network', 'timeout', 'server', 'format'];

/**
 * Why prices are old or missing, in the reader's words: "CoinGecko is rate-limiting; retrying in 40 s" (without
 * the retry when `retrying` is false: words that do not change every second). `feed` names the source when the
 * error does not.
 */
export function reasonText(error: FeedError, t: Messages, feed: string, retrying = true) {
  const kind = error.kind in t ? error.kind : 'request';
  const entry = t[kind as 'currency'] as Messages['currency'] | string;
  const words = typeof entry == 'string' ? entry : entry(error.source || feed, error.detail);
  const wait = Math.ceil(((error.retryAt ?? 0) - config.clock.now()) / 1000);
  const retry = wait > 0 ? t.retryIn(wait) : PASSING.includes(kind) ? t.retrying : '';
  return retry && retrying ? `${words}; ${retry}` : words;
}
