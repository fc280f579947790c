/**
 * Why a feed has no fresh prices. `kind`, `source` and `detail` are what the elements put into the reader's words;
 * `message` is an English sentence for developers' consoles.
 * - `rate-limit`: 429, or a fetch that failed outright (a CORS-less 429 looks like that in a browser)
 * - `network`, `timeout`, `server` (5xx), `format` (a body we cannot read): transient, retried with backoff
 * - `currency`, `request`: the request itself is wrong; retrying will not help
 * - `unlisted`: the exchange has none of the coins asked for
 * - `feed`, `endpoint`, `api-key`: the page's settings name no feed, an endpoint no request can reach, or a key no
 *   request can carry; nothing is requested until they change
 */
export type FeedErrorKind =
  | 'rate-limit'
  | 'network'
  | 'timeout'
  | 'server'
  | 'format'
  | 'currency'
  | 'request'
  | 'unlisted'
  | 'feed'
  | 'endpoint'
  | 'api-key';

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly kind: FeedErrorKind,
    message: string,
    /** When the next attempt is due, in ms since the epoch, if one is scheduled. */
    readonly retryAt?: number,
    /** Who failed, as people name it: `CoinGecko`, `Kraken`, a feed's name. */
    readonly source = '',
    /** What the words need beside the source: the currency refused. */
    readonly detail = '',
  ) {
    super(message);
  }
}
