import type { FeedError } from '../core/errors.js';
import type { FeedStatus, Quote } from '../core/quote.js';

/** Fired after an element renders new quotes; `quotes` are the element's coins that have one, in its order. */
export class CoinUpdateEvent extends Event {
  constructor(readonly quotes: readonly Quote[]) {
    super('coin-update', { bubbles: true });
  }
}

/**
 * Fired when an element's feed status changes: `loading`, `live`, `stale` (old prices kept) or `error`; `live` tells
 * prices ticking in over an exchange socket from polled ones.
 */
export class CoinStatusEvent extends Event {
  constructor(
    readonly status: FeedStatus,
    readonly error?: FeedError,
    readonly live = false,
  ) {
    super('coin-status', { bubbles: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'coin-update': CoinUpdateEvent;
    'coin-status': CoinStatusEvent;
  }
}
