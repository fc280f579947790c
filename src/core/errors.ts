/**
 * Why a feed has no fresh prices. `kind` is for code; `message` is for people and is shown in the widget.
 * - `rate-limit`: 429, or a fetch that failed outright (a CORS-less 429 looks like that in a browser)
 * - `network`, `timeout`, `server` (5xx), `format` (a body we cannot read): transient, retried with backoff
 * - `currency`, `request`: the request itself is wrong; retrying will not help
 */
export type FeedErrorKind = 'rate-limit' | 'network' | 'timeout' | 'server' | 'format' | 'currency' | 'request';

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly kind: FeedErrorKind,
    message: string,
    /** When the next attempt is due, in ms since the epoch, if one is scheduled. */
    readonly retryAt?: number,
  ) {
    super(message);
  }
}
